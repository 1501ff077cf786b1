from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.core.exports import csv_text
from commonweal.core.permissions import access_required
from commonweal.meetings import engine, selectors, services
from commonweal.meetings.forms import SearchForm, TranscriptUploadForm
from commonweal.meetings.models import Meeting


def meetings(request):
    return render(request, "meetings/list.html", {"meetings": selectors.meeting_list()[:500]})


def meeting(request, pk: int):
    shown = get_object_or_404(Meeting, pk=pk)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    matches = (
        list(selectors.turn_search(query=query, meeting=shown)[: selectors.MAX_SEARCH_RESULTS])
        if query
        else []
    )
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": shown,
            "groups": selectors.floor_by_group(shown),
            "participants": selectors.floor_by_participant(shown),
            "topics": shown.topics.all(),
            "candidates": shown.candidates.select_related("turn__participant"),
            "turns": selectors.meeting_turns(shown),
            "search": search,
            "query": query,
            "matches": matches,
            "match_indexes": {turn.index for turn in matches},
        },
    )


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = selectors.turn_search(query=query)[: selectors.MAX_SEARCH_RESULTS] if query else []
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


@access_required("meetings.ingest_transcript")
@require_http_methods(["GET", "POST"])
def upload(request):
    form = TranscriptUploadForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        transcript = form.cleaned_data["transcript"]
        roster = form.cleaned_data["roster"]
        try:
            result = services.meeting_ingest(
                data=transcript.read(),
                source_name=transcript.name,
                roster=roster.read() if roster else None,
                roster_name=roster.name if roster else "",
                user=request.user,
            )
        except engine.TranscriptError as error:
            problem = str(error)
        else:
            notes = {
                "created": _("Meeting created."),
                "replaced": _("The meeting was replaced by the corrected transcript."),
                "unchanged": _("This transcript was already here; nothing changed."),
            }
            messages.success(request, notes[result.action])
            return redirect(result.meeting)
    return render(
        request,
        "meetings/upload.html",
        {"form": form, "problem": problem},
        status=400 if problem else 200,
    )
