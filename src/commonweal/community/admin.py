from django.contrib import admin

from commonweal.community.models import (
    Membership,
    MembershipRequest,
    Person,
    PersonName,
    StakeholderGroup,
)


class PersonNameInline(admin.TabularInline):
    model = PersonName
    fields = ["name", "language", "script", "kind"]
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["group", "role", "title", "start_date", "end_date"]
    autocomplete_fields = ["group"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["display_name", "email", "is_erased", "created_at"]
    list_filter = ["is_erased", "memberships__group"]
    search_fields = ["display_name", "names__name", "email"]
    fields = ["display_name", "email", "is_erased", "erased_at"]
    readonly_fields = ["is_erased", "erased_at"]
    inlines = [PersonNameInline, MembershipInline]


@admin.register(PersonName)
class PersonNameAdmin(admin.ModelAdmin):
    list_display = ["name", "person", "language", "script", "kind"]
    list_filter = ["kind", "script", "language"]
    search_fields = ["name", "person__display_name"]
    fields = ["person", "name", "language", "script", "kind"]
    autocomplete_fields = ["person"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_filter = ["kind", "language"]
    search_fields = ["name", "acronym", "slug"]
    fields = ["slug", "name", "acronym", "kind", "parent", "description", "language", "colour"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "group", "role", "title", "start_date", "end_date"]
    list_filter = ["role", "group__kind", "group"]
    search_fields = ["person__display_name", "group__name", "title"]
    fields = ["person", "group", "role", "title", "start_date", "end_date"]
    autocomplete_fields = ["person", "group"]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are decided on the site, where approval creates the membership."""

    list_display = ["person", "group", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "group__kind", "group"]
    search_fields = ["person__display_name", "group__name", "note"]
    fields = [
        "person",
        "group",
        "note",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_note",
        "membership",
        "person_told_at",
    ]
    readonly_fields = fields
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
