"""Discussions in the admin: read-only, to search and look into a case. Comments are
written, hidden and restored on the pages, through the services, so that every hiding
has a reason, tells the author and can be appealed."""

from django.contrib import admin

from commonweal.discussion.models import Appeal, Comment, Moderation


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ModerationInline(admin.StackedInline):
    model = Moderation
    fields = ["hidden_by", "hidden_at", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["text", "author", "created_at", "recommendation", "round", "round_item"]
    list_filter = ["created_at", ("moderation", admin.EmptyFieldListFilter), "round"]
    search_fields = ["text", "author__email", "recommendation__reference", "round__title"]
    fields = [
        "recommendation",
        "round",
        "round_item",
        "parent",
        "author",
        "text",
        "created_at",
        "edited_at",
        "deleted_at",
    ]
    readonly_fields = fields
    inlines = [ModerationInline]


@admin.register(Moderation)
class ModerationAdmin(ReadOnlyAdmin):
    list_display = ["comment", "hidden_by", "hidden_at", "reason"]
    list_filter = ["hidden_at"]
    search_fields = ["reason", "comment__text", "hidden_by__email"]
    fields = ["comment", "hidden_by", "hidden_at", "reason"]
    readonly_fields = fields


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["moderation", "appellant", "filed_at", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome", "filed_at", "decided_at"]
    search_fields = ["note", "decision_reason", "appellant__email", "moderation__comment__text"]
    fields = [
        "moderation",
        "appellant",
        "note",
        "filed_at",
        "outcome",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]
    readonly_fields = fields
