"""The admin shows the key holders' public keys and nothing else of conduct.

Cases, their messages, attachments, consents, disclosures and the access log are kept out
of the admin: an administrator is not a reader of reports, and a page that listed cases
would tell who is handling what. Key holders are listed read-only so an administrator can
see which keys exist and when they were made and retired; keys change only through
``commonweal conduct keys`` (docs/deploy.md).
"""

from django.contrib import admin

from commonweal.conduct.models import KeyHolder


@admin.register(KeyHolder)
class KeyHolderAdmin(admin.ModelAdmin):
    list_display = ("role", "user", "fingerprint", "created_at", "retired_at")
    list_filter = ("role", ("retired_at", admin.EmptyFieldListFilter))
    search_fields = ("fingerprint", "user__email")
    fields = ("role", "user", "fingerprint", "created_at", "retired_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
