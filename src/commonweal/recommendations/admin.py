"""The registry in the admin: the objective taxonomy and sources to configure,
recommendations to correct. Lifecycle steps and decisions are taken on the
recommendation's page, where they are checked and leave an event; here they are
read-only."""

from django.contrib import admin
from django.db import models

from commonweal.recommendations.models import (
    DECISION_FIELDS,
    STAGE_TIMESTAMPS,
    LifecycleEvent,
    Milestone,
    Objective,
    Recommendation,
    RecommendationTranslation,
    Source,
)


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]
    list_editable = ["position"]
    list_filter = ["position"]
    search_fields = ["code", "name"]
    fields = ["code", "name", "names", "position"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["body", "document", "kind", "group"]
    list_filter = ["kind", "group"]
    search_fields = ["body", "document", "url"]
    fields = ["kind", "body", "document", "url", "group"]
    autocomplete_fields = ["group"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TranslationInline(admin.TabularInline):
    model = RecommendationTranslation
    extra = 0
    fields = ["language", "title", "text"]


class MilestoneInline(admin.TabularInline):
    """Milestones are added on the registry page, which checks the decision; here they are
    only read."""

    model = Milestone
    extra = 0
    fields = ["title", "due_on", "completed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LifecycleEventInline(admin.TabularInline):
    model = LifecycleEvent
    extra = 0
    fields = ["at", "status", "decision", "by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "status", "decision", "source", "illustrative"]
    list_filter = ["status", "decision", "source__kind", "objectives", "illustrative"]
    search_fields = ["reference", "title", "text", "owner", "source__body", "source__document"]
    date_hierarchy = "received_at"
    inlines = [TranslationInline, MilestoneInline, LifecycleEventInline]
    filter_horizontal = ["objectives"]
    fields = [
        "reference",
        "source",
        "title",
        "text",
        "language",
        "objectives",
        "dependencies",
        "owner",
        "illustrative",
        "one_time_cost",
        "recurring_cost",
        "implementation_years",
        "status",
        *STAGE_TIMESTAMPS.values(),
        *DECISION_FIELDS,
        "progress",
        "meeting",
        "turn_index",
        "quote",
        "speaker",
        "created_by",
    ]
    # Only what a recommendation says and whom it concerns is corrected here; every
    # other field moves through the lifecycle services on the registry's pages.
    readonly_fields = [
        field
        for field in fields
        if field
        not in ("source", "title", "text", "language", "objectives", "owner", "illustrative")
    ]

    def get_readonly_fields(self, request, obj=None):
        fixed = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status not in (
            Recommendation.Status.RECEIVED,
            Recommendation.Status.ASSESSED,
        ):
            # People voted on this wording, and on this source.
            fixed += ["title", "text", "language", "source"]
        return fixed

    def has_add_permission(self, request) -> bool:
        # Recommendations are added on the registry's own page, which starts the
        # lifecycle (and its first event); the admin only corrects them.
        return False
