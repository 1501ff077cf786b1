"""Recordings in the admin: what was uploaded and what became of it, never the audio, the
voices' embeddings or their samples."""

from django.contrib import admin

from commonweal.audio.models import Recording, Voice


class VoiceInline(admin.TabularInline):
    model = Voice
    fields = ["index", "label", "seconds", "person", "confirmed"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Recording)
class RecordingAdmin(admin.ModelAdmin):
    list_display = ["title", "session_date", "status", "progress", "created_by", "created_at"]
    list_filter = ["status", "language", "created_at"]
    search_fields = ["title", "original_name", "meeting__title"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "session_date",
        "language",
        "speakers",
        "original_name",
        "size",
        "status",
        "step",
        "progress",
        "message",
        "duration",
        "language_heard",
        "model_name",
        "meeting",
        "created_by",
        "created_at",
    ]
    # Only what the person uploading chose may be corrected; the rest is the run's record.
    readonly_fields = [
        f for f in fields if f not in {"title", "session_date", "language", "speakers"}
    ]
    inlines = [VoiceInline]

    def has_add_permission(self, request) -> bool:
        # A recording is made by uploading it, which also runs it.
        return False
