"""Rounds in the admin: rounds and participation, read-only where the
services own the writes. Ballots are not registered: nobody, staff included,
sees anyone's choices (see models.Ballot)."""

from django.contrib import admin

from commonweal.rounds.models import Participation, Round, RoundItem
from commonweal.rounds.services import EDITABLE_AFTER_OPENING, RULE_FIELDS


class RoundItemInline(admin.TabularInline):
    model = RoundItem
    fields = ["recommendation", "one_time_cost", "recurring_cost", "implementation_years", "cost"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are set and counted on their pages, through the services that freeze the
    rules once voting opens; here they are read."""

    list_display = ["title", "opens_at", "closes_at", "ballot_kind", "rule", "closed_at"]
    list_filter = ["ballot_kind", "rule", "group_weighted", "opens_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "opens_at"
    fields = [
        *EDITABLE_AFTER_OPENING,
        "voter_groups",
        *RULE_FIELDS,
        "created_by",
        "created_at",
        "closed_at",
    ]
    readonly_fields = fields
    inlines = [RoundItemInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting a round would strand its recommendations "in prioritization" and
        # its ballots with them.
        return False


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    """That someone voted, and for which group; never what they voted."""

    list_display = ["round", "user", "group", "first_voted_at"]
    list_filter = ["group", "round"]
    search_fields = ["user__email", "round__title", "group__name"]
    fields = ["round", "user", "group", "first_voted_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
