"""Consultations in the admin: proceedings with their documents and extensions, the
submissions; who follows what and what was sent, to read only (the platform writes them)."""

from django.contrib import admin
from django.db import models

from commonweal.consultations.models import (
    Delivery,
    Document,
    Event,
    Extension,
    Follow,
    Message,
    Notification,
    Proceeding,
    Submission,
)


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ("title", "language", "file", "url")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ExtensionInline(admin.TabularInline):
    """An extension is a public record: read here, made on the proceeding's page."""

    model = Extension
    extra = 0
    fields = ("previous_closes_on", "closes_on", "reason", "decided_by", "decided_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Proceeding)
class ProceedingAdmin(admin.ModelAdmin):
    list_display = ("title", "opens_on", "closes_on", "published_at", "report_published_at")
    search_fields = ("title", "summary", "groups__slug", "groups__name")
    list_filter = ("language", "groups", "opens_on", "closes_on")
    date_hierarchy = "closes_on"
    filter_horizontal = ("groups",)
    readonly_fields = ("first_closes_on", "created_by", "created_at")
    inlines = [DocumentInline, ExtensionInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("pk", "proceeding", "author_name", "on_behalf_of", "state", "published_at")
    search_fields = ("text", "author_name", "proceeding__title", "on_behalf_of__slug")
    list_filter = ("state", "language", "on_behalf_of")
    list_select_related = ("proceeding", "on_behalf_of")
    readonly_fields = (
        "author",
        "submitted_at",
        "endorsed_by",
        "endorsed_at",
        "published_at",
        "created_at",
    )
    raw_id_fields = ("proceeding",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the platform writes; the admin reads them (and may delete a follow)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ("user", "kind", "subject", "level", "created_at")
    search_fields = ("user__email", "subject")
    list_filter = ("kind", "level")
    list_select_related = ("user",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("user", "frequency", "reminder_days", "unsubscribed_at")
    search_fields = ("user__email",)
    list_filter = ("frequency", "unsubscribed_at")
    list_select_related = ("user",)
    exclude = ("feed_token",)


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("event", "title", "category", "deadline", "happened_at", "fanned_out_at")
    search_fields = ("title", "key", "sender_name", "groups__slug")
    list_filter = ("event", "category", "kind")
    date_hierarchy = "happened_at"


class NotEditableAdmin(ReadOnlyAdmin):
    """What reached a person and what was sent to them: a record, never changed."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(NotEditableAdmin):
    list_display = ("user", "event", "why", "why_label", "created_at", "message")
    search_fields = ("user__email", "event__title", "why_label")
    list_filter = ("why", "event__category")
    list_select_related = ("user", "event", "message")


@admin.register(Message)
class MessageAdmin(NotEditableAdmin):
    # "uncertain" in the state filter: emails a killed worker may or may not have sent.
    list_display = (
        "to",
        "subject",
        "state",
        "language",
        "created_at",
        "claimed_at",
        "sent_at",
        "error",
    )
    search_fields = ("to", "subject")
    list_filter = ("state", "language")
    date_hierarchy = "created_at"
