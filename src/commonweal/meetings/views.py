from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.core.confirmations import Confirmation, confirmation_render
from commonweal.core.downloads import CSV, JSON, ZIP, streaming_download
from commonweal.core.permissions import access_required
from commonweal.meetings import exporting, selectors, services, tasks
from commonweal.meetings.forms import (
    CandidateReviewForm,
    MeetingFilterForm,
    SearchForm,
    TopicTitleForm,
    TranscriptUploadForm,
)
from commonweal.meetings.models import Candidate, IngestJob, Meeting, Topic
from commonweal.meetings.search import turn_search_run


def meetings(request):
    filters = MeetingFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    matching = selectors.meeting_list(
        group=chosen.get("group"),
        person=chosen.get("person"),
        date_from=chosen.get("date_from"),
        date_to=chosen.get("date_to"),
    )
    return render(
        request,
        "meetings/list.html",
        {"meetings": matching[:500], "filters": filters, "search": SearchForm()},
    )


def _turn_asked(request) -> int | None:
    """The turn a link asks the page to open (``?turn=N``), if any."""
    asked = request.GET.get("turn", "")
    return int(asked) if asked.isdecimal() and len(asked) < 10 else None


def meeting(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    asked = _turn_asked(request)
    editions = selectors.meeting_editions(meeting)
    chosen = selectors.edition_asked(meeting, editions, request.GET.get("edition", "")[:35])
    window = selectors.transcript_window(meeting, turn=asked, query=query, edition=chosen)
    matches = selectors.window_matches(meeting, window)
    if matches and asked is None:
        # A new search opens the part of the transcript that holds its first hit, there.
        first = matches[0].index
        return redirect(f"{request.path}?{window.params(first)}#turn-{first}")
    transcript = selectors.meeting_transcript(meeting, window)
    # The reader's language beside the original, where the meeting has that edition.
    edition = selectors.edition_shown(meeting, editions, asked=chosen, reader=request.LANGUAGE_CODE)
    if edition is not None:
        selectors.edition_beside(edition, window, transcript.turns)
    participants, participant_count = selectors.counted(
        selectors.floor_by_participant(meeting), selectors.SPEAKERS_SHOWN
    )
    timeline = selectors.topic_timeline(meeting, window)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "edition": edition,
            "edition_choices": selectors.edition_choices(meeting, editions, edition, window),
            "groups": selectors.meeting_floor_shares(meeting),
            "participants": participants,
            "participant_count": participant_count,
            "timeline": timeline,
            "topic_count": meeting.topics.count() if timeline else 0,
            "candidates": transcript.candidates,
            "candidate_count": transcript.candidate_count,
            "can_review": request.user.has_perm("meetings.review_candidate", meeting),
            "can_edit_topics": request.user.has_perm("meetings.edit_topic", meeting),
            "window": window,
            "turns": transcript.turns,
            "legend": transcript.legend,
            "search": search,
            "query": query,
            "matches": matches,
            "match_indexes": {turn.index for turn in matches},
        },
    )


def meeting_turn(request, pk: int, index: int):
    """A lasting link to one turn: the meeting's page at the window that holds it."""
    meeting = get_object_or_404(Meeting, pk=pk)
    return redirect(f"{meeting.get_absolute_url()}?turn={index}#turn-{index}")


def meeting_json(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    return streaming_download(
        exporting.meeting_json(meeting), filename=f"meeting-{meeting.pk}.json", content_type=JSON
    )


def meeting_convokit(request, pk: int):
    """A zip of the ConvoKit corpus folder, as `commonweal parse --convokit` writes it."""
    meeting = get_object_or_404(Meeting, pk=pk)
    folder = f"meeting-{meeting.pk}"
    return streaming_download(
        exporting.meeting_convokit_zip(meeting, folder),
        filename=f"{folder}-convokit.zip",
        content_type=ZIP,
    )


def _candidate_meeting(request, pk: int) -> Meeting:
    return get_object_or_404(Candidate.objects.select_related("meeting"), pk=pk).meeting


@access_required("meetings.review_candidate", fn=_candidate_meeting)
@require_POST
def candidate_review(request, pk: int):
    candidate = get_object_or_404(Candidate, pk=pk)
    form = CandidateReviewForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        if _enters_the_registry(candidate, status) and request.POST.get("confirm") != "yes":
            return confirmation_render(request, _confirm_into_registry(candidate))
        made = services.candidate_review(candidate=candidate, status=status, by=request.user)
        messages.success(request, _review_message(candidate, status, made))
    return redirect(f"{candidate.meeting.get_absolute_url()}#candidates")


def _enters_the_registry(candidate: Candidate, status: str) -> bool:
    """Confirming a recommendation publishes it in the registry: that is asked first."""
    return (
        status == Candidate.Status.CONFIRMED
        and candidate.kind == Candidate.Kind.RECOMMENDATION
        and candidate.status != Candidate.Status.CONFIRMED
    )


def _confirm_into_registry(candidate: Candidate) -> Confirmation:
    meeting = candidate.meeting
    return Confirmation(
        title=_("Add this sentence to the registry as a recommendation?"),
        effects=(
            f"“{candidate.sentence}”",
            _(
                "It becomes a public recommendation from “%(meeting)s”, received on the "
                "meeting's date and quoting this turn; everyone can read it in the registry."
            )
            % {"meeting": meeting.title},
            _(
                "A recommendation is never deleted from the registry: if it was a mistake, "
                "the secretariat rejects it there, with a reason."
            ),
        ),
        action=reverse("meetings:candidate_review", kwargs={"pk": candidate.pk}),
        confirm_label=_("Add it to the registry"),
        cancel_url=f"{meeting.get_absolute_url()}#candidates",
        cancel_label=_("Cancel and go back to the meeting"),
        hidden=(("status", Candidate.Status.CONFIRMED),),
    )


def _review_message(candidate: Candidate, status: str, made: list[object]) -> str:
    """What the person is told after reviewing a candidate, with a link to what it became."""
    if status == Candidate.Status.CONFIRMED and made:
        link = format_html('<a href="{}">{}</a>', made[0].get_absolute_url(), made[0])
        return format_html(_("Confirmed: the registry now holds it as {link}."), link=link)
    if status == Candidate.Status.CONFIRMED:
        return _("Confirmed as an action item.")
    if status == Candidate.Status.DISMISSED:
        return _("Dismissed: it stays listed here, marked dismissed.")
    return _("Sent back for review.")


def _topic_meeting(request, pk: int) -> Meeting:
    return get_object_or_404(Topic.objects.select_related("meeting"), pk=pk).meeting


@access_required("meetings.edit_topic", fn=_topic_meeting)
@require_http_methods(["GET", "POST"])
def topic_title(request, pk: int):
    """The secretariat names a topic: the title found in the transcript is only the chair's
    words around the cue."""
    topic = get_object_or_404(Topic.objects.select_related("meeting"), pk=pk)
    form = TopicTitleForm(request.POST or None, initial={"title": topic.title})
    if request.method == "POST" and form.is_valid():
        services.topic_title_set(topic=topic, title=form.cleaned_data["title"], by=request.user)
        messages.success(request, _("The topic's title is saved."))
        return redirect(f"{topic.meeting.get_absolute_url()}#topics")
    status = 400 if form.errors else 200
    return render(
        request, "meetings/topic_title.html", {"topic": topic, "form": form}, status=status
    )


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = turn_search_run(query=query)
    return render(request, "meetings/search.html", {"search": form, "query": query, "found": found})


def meeting_turns_csv(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    return streaming_download(
        exporting.meeting_turns_csv(meeting),
        filename=f"meeting-{meeting.pk}-turns.csv",
        content_type=CSV,
    )


def _outcome_note(outcome: str) -> str:
    return {
        "created": _("Meeting created."),
        "replaced": _("The meeting was replaced by the corrected transcript."),
        "unchanged": _("This transcript was already here; nothing changed."),
        "edition-created": _(
            "This transcript is another language's record of a meeting already here: it "
            "was added to that meeting as its edition, turn beside turn."
        ),
        "edition-replaced": _(
            "The meeting's edition in this language was replaced by the corrected transcript."
        ),
    }[outcome]


@access_required("meetings.ingest_transcript")
@require_http_methods(["GET", "POST"])
def upload(request):
    """Queue the upload as a background job. Where the job ran at once (development),
    go straight to its meeting or its error; otherwise to the job's progress page."""
    form = TranscriptUploadForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        transcript = form.cleaned_data["transcript"]
        roster = form.cleaned_data["roster"]
        # The database queue stores the task beside the job in one transaction, so a
        # worker never sees one without the other.
        with transaction.atomic():
            job = services.ingest_job_create(
                data=transcript.read(),
                source_name=transcript.name,
                roster=roster.read() if roster else None,
                roster_name=roster.name if roster else "",
                user=request.user,
            )
            tasks.ingest_job_run.enqueue(job.pk)
        job.refresh_from_db()
        if job.status == IngestJob.Status.DONE:
            messages.success(request, _outcome_note(job.outcome))
            return redirect(job.meeting)
        if job.status == IngestJob.Status.FAILED:
            problem = job.message
        else:
            return redirect(job)
    return render(
        request,
        "meetings/upload.html",
        {"form": form, "problem": problem},
        status=400 if problem else 200,
    )


def _job(request, pk: int) -> IngestJob:
    return get_object_or_404(IngestJob.objects.select_related("meeting"), pk=pk)


@access_required("meetings.view_ingest_job", fn=_job)
def job(request, pk: int):
    ingest_job = _job(request, pk)
    template = "meetings/job_status.html" if request.htmx else "meetings/job.html"
    note = _outcome_note(ingest_job.outcome) if ingest_job.status == IngestJob.Status.DONE else ""
    return render(request, template, {"job": ingest_job, "note": note})
