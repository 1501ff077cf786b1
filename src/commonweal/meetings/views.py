import io
import json
import zipfile

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.community.models import StakeholderGroup
from commonweal.core.permissions import access_required
from commonweal.meetings import selectors, services, tasks
from commonweal.meetings.forms import (
    CandidateReviewForm,
    MeetingFilterForm,
    SearchForm,
    TranscriptUploadForm,
)
from commonweal.meetings.models import Candidate, IngestJob, Meeting
from commonweal.spreadsheets import csv_text
from commonweal.transcript.writers import convokit_documents


def meetings(request):
    filters = MeetingFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    shown = selectors.meeting_list(
        group=chosen.get("group"),
        person=chosen.get("person"),
        date_from=chosen.get("date_from"),
        date_to=chosen.get("date_to"),
    )
    return render(
        request,
        "meetings/list.html",
        {"meetings": shown[:500], "filters": filters, "search": SearchForm()},
    )


def meeting(request, pk: int):
    shown = get_object_or_404(Meeting, pk=pk)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    matches = (
        list(selectors.turn_search(query=query, meeting=shown)[: selectors.MAX_SEARCH_RESULTS])
        if query
        else []
    )
    for turn in matches:
        turn.excerpt = selectors.excerpt(turn.text, query)
    candidates = list(shown.candidates.select_related("turn__participant__person"))
    sentences: dict[int, list[str]] = {}
    for candidate in candidates:
        if candidate.status != Candidate.Status.DISMISSED:
            sentences.setdefault(candidate.turn_id, []).append(candidate.sentence)
    colours = selectors.group_colours(shown)
    turns = list(selectors.meeting_turns(shown))
    for turn in turns:
        turn.segments = selectors.marked_segments(turn.text, sentences.get(turn.pk, []))
        turn.colour = colours.get(turn.group_id)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": shown,
            "groups": selectors.floor_by_group(shown),
            "participants": selectors.floor_by_participant(shown),
            "timeline": selectors.topic_timeline(shown),
            "candidates": candidates,
            "can_review": request.user.has_perm("meetings.review_candidate", shown),
            "turns": turns,
            "legend": [
                (group, colours[group.pk])
                for group in StakeholderGroup.objects.filter(pk__in=colours)
            ],
            "search": search,
            "query": query,
            "matches": matches,
            "match_indexes": {turn.index for turn in matches},
        },
    )


def meeting_json(request, pk: int):
    shown = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(
        json.dumps(selectors.meeting_contract(shown), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{shown.pk}.json"'
    return response


def meeting_convokit(request, pk: int):
    """A zip of the ConvoKit corpus folder, as `commonweal parse --convokit` writes it."""
    shown = get_object_or_404(Meeting, pk=pk)
    folder = f"meeting-{shown.pk}"
    files = convokit_documents(selectors.meeting_contract(shown), folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(f"{folder}/{name}", text)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{folder}-convokit.zip"'
    return response


def _candidate_meeting(request, pk: int) -> Meeting:
    return get_object_or_404(Candidate.objects.select_related("meeting"), pk=pk).meeting


@access_required("meetings.review_candidate", fn=_candidate_meeting)
@require_POST
def candidate_review(request, pk: int):
    candidate = get_object_or_404(Candidate, pk=pk)
    form = CandidateReviewForm(request.POST)
    if form.is_valid():
        services.candidate_review(
            candidate=candidate, status=form.cleaned_data["status"], by=request.user
        )
    return redirect(f"{candidate.meeting.get_absolute_url()}#candidates")


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = (
        list(selectors.turn_search(query=query)[: selectors.MAX_SEARCH_RESULTS]) if query else []
    )
    for turn in results:
        turn.excerpt = selectors.excerpt(turn.text, query, width=200)
    return render(
        request, "meetings/search.html", {"search": form, "query": query, "results": results}
    )


def meeting_turns_csv(request, pk: int):
    shown = get_object_or_404(Meeting, pk=pk)
    rows = (
        (turn.index, turn.participant.label, turn.group.slug if turn.group else "", turn.text)
        for turn in selectors.meeting_turns(shown)
    )
    response = HttpResponse(
        csv_text(["index", "speaker", "group", "text"], rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{shown.pk}-turns.csv"'
    return response


def _outcome_note(outcome: str) -> str:
    return {
        "created": _("Meeting created."),
        "replaced": _("The meeting was replaced by the corrected transcript."),
        "unchanged": _("This transcript was already here; nothing changed."),
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
    shown = _job(request, pk)
    template = "meetings/job_status.html" if request.htmx else "meetings/job.html"
    note = _outcome_note(shown.outcome) if shown.status == IngestJob.Status.DONE else ""
    return render(request, template, {"job": shown, "note": note})
