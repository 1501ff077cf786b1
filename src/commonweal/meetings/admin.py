from django.contrib import admin

from commonweal.meetings.models import (
    Candidate,
    EditionTurn,
    IngestJob,
    Meeting,
    MeetingEdition,
    Participant,
    Topic,
    Turn,
)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "start_time", "place", "language", "source_name"]
    list_filter = ["language", "date", "timing_exact"]
    search_fields = ["title", "place", "source_name"]
    date_hierarchy = "date"
    fields = [
        "title",
        "date",
        "start_time",
        "end_time",
        "timezone",
        "place",
        "event",
        "language",
        "source_name",
        "source_format",
        "duration_seconds",
        "timing_exact",
        "ingested_by",
    ]
    readonly_fields = [
        "source_name",
        "source_format",
        "duration_seconds",
        "timing_exact",
        "ingested_by",
    ]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["label", "meeting", "person", "group", "turns", "share"]
    list_filter = ["group", "meeting__language"]
    search_fields = ["label", "person__display_name", "meeting__title"]
    fields = [
        "meeting",
        "label",
        "aliases",
        "person",
        "group",
        "turns",
        "units",
        "share",
        "seconds",
    ]
    readonly_fields = ["meeting", "label", "aliases", "turns", "units", "share", "seconds"]
    autocomplete_fields = ["person", "group"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "first_turn", "last_turn", "seconds"]
    list_filter = ["meeting__language"]
    search_fields = ["title", "meeting__title"]
    fields = ["meeting", "index", "title", "first_turn", "last_turn", "seconds"]
    readonly_fields = ["meeting", "index"]


@admin.register(Turn)
class TurnAdmin(admin.ModelAdmin):
    list_display = ["meeting", "index", "participant", "group"]
    list_filter = ["group", "meeting__language"]
    search_fields = ["text", "participant__label"]
    fields = ["meeting", "index", "participant", "person", "group", "topic", "text", "annotations"]
    readonly_fields = ["meeting", "index", "participant", "person", "group", "topic", "annotations"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["sentence", "kind", "status", "meeting"]
    list_filter = ["kind", "status"]
    search_fields = ["sentence", "meeting__title"]
    fields = ["meeting", "turn", "kind", "sentence", "status"]
    readonly_fields = ["meeting", "turn", "kind", "sentence"]


@admin.register(MeetingEdition)
class MeetingEditionAdmin(admin.ModelAdmin):
    """Editions are written by ingestion only: read here, removed here if need be."""

    list_display = ["meeting", "language", "title", "aligned_turns", "source_name", "ingested_at"]
    list_filter = ["language", "ingested_at"]
    search_fields = ["title", "meeting__title", "source_name"]
    fields = ["meeting", "language", "title", "place", "source_name", "aligned_turns"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(EditionTurn)
class EditionTurnAdmin(admin.ModelAdmin):
    list_display = ["edition", "index", "turn_index", "span"]
    list_filter = ["edition__language", "span"]
    search_fields = ["text", "edition__meeting__title"]
    fields = ["edition", "index", "turn_index", "span", "text"]
    readonly_fields = ["edition", "index", "turn_index", "span"]

    def has_add_permission(self, request):
        return False


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["source_name", "status", "step", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["source_name", "message", "created_by__email"]
    fields = ["source_name", "status", "step", "outcome", "message", "meeting", "created_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
