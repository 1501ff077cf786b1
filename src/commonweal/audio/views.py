from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.audio import selectors, services, tasks
from commonweal.audio.forms import LANGUAGES, RecordingUploadForm, VoiceMappingForm
from commonweal.audio.models import Recording, Voice
from commonweal.core.permissions import access_required
from commonweal.meetings.selectors import floor_by_participant

PERMISSION = "audio.transcribe_recording"


def duration_text(seconds: float | None) -> str:
    """A speaking time or a recording's length, to the second."""
    whole = round(seconds or 0)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return _("%(seconds)s s") % {"seconds": rest}
    return _("%(minutes)s min %(seconds)s s") % {"minutes": minutes, "seconds": rest}


@access_required(PERMISSION)
def recordings(request):
    shown = list(selectors.recording_list()[: selectors.RECORDINGS_SHOWN])
    return render(request, "audio/list.html", {"recordings": shown})


@access_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def recording_new(request):
    """Keep the upload and run it in the background once it is committed (at once, in
    this request, where tasks run immediately); then the recording's page."""
    form = RecordingUploadForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                recording = services.recording_create(
                    upload=data["recording"],
                    title=data["title"],
                    session_date=data["session_date"],
                    language=data["language"],
                    speakers=data["speakers"],
                    user=request.user,
                )
                # Not inside the transaction: a long transcription must not hold the
                # database's write lock.
                transaction.on_commit(partial(tasks.recording_run.enqueue, recording.pk))
        except services.RecordingRefused as refusal:
            problem = str(refusal)
        else:
            return redirect(recording)
    return render(
        request,
        "audio/new.html",
        {"form": form, "problem": problem},
        status=400 if problem or form.errors else 200,
    )


@access_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def recording(request, pk: int):
    recording = get_object_or_404(Recording.objects.select_related("meeting"), pk=pk)
    if request.htmx:
        if not recording.in_progress:
            # The run ended: the whole page changes (the review form, or the failure).
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "audio/_progress.html", {"recording": recording})
    if recording.status == Recording.Status.REVIEW:
        return _review(request, recording)
    if request.method == "POST":
        return redirect(recording.meeting or recording)
    return render(request, "audio/recording.html", _page_context(recording))


def _page_context(recording: Recording) -> dict:
    speakers = []
    if recording.meeting is not None:
        speakers = [
            {"participant": p, "time": duration_text(p.seconds)}
            for p in floor_by_participant(recording.meeting).order_by("-seconds", "label")
        ]
    return {
        "recording": recording,
        "language": dict(LANGUAGES[1:]).get(recording.language) or _("found by listening"),
        "duration": duration_text(recording.duration) if recording.duration else "",
        "speakers": speakers,
    }


def _review(request, recording: Recording):
    voices = list(recording.voices.all())
    suggestions = selectors.voices_suggest(recording)
    form = VoiceMappingForm(request.POST or None, voices=voices, suggestions=suggestions)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.recording_store(
                recording=recording, names=form.names(), by=request.user
            )
        except services.RecordingNotStored as refusal:
            problem = str(refusal)
        else:
            messages.success(request, _("The recording is stored as this meeting."))
            return redirect(meeting)
    first_words = {}
    for segment in recording.result:
        first_words.setdefault(int(segment["voice"]), str(segment["text"]).strip()[:200])
    rows = [
        {
            "voice": voice,
            "time": duration_text(voice.seconds),
            "field": form[VoiceMappingForm.field_name(voice.index)],
            "suggestion": suggestions.get(voice.index),
            "first_words": first_words.get(voice.index, ""),
        }
        for voice in voices
    ]
    context = _page_context(recording) | {"form": form, "rows": rows, "problem": problem}
    status = 400 if problem or form.errors else 200
    return render(request, "audio/recording.html", context, status=status)


@access_required(PERMISSION)
def voice_sample(request, pk: int, index: int):
    """A voice's sample, to play while reviewing: biometric data, so never cached."""
    voice = get_object_or_404(Voice, recording_id=pk, index=index)
    if not voice.sample:
        raise Http404
    response = HttpResponse(bytes(voice.sample), content_type="audio/wav")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
