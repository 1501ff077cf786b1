from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.models import Invitation, SignInFailure, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "person", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups", "language"]
    search_fields = ["email", "first_name", "last_name", "person__display_name"]
    autocomplete_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["email", "password", "person", "language"]}),
        (_("Names"), {"fields": ["first_name", "last_name"]}),
        (
            _("Roles"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["accepted_at", "expires_at"]
    search_fields = ["email", "invited_by__email"]
    fields = ["email", "invited_by", "expires_at", "accepted_at", "accepted_by"]
    readonly_fields = ["invited_by", "accepted_at", "accepted_by"]

    def has_add_permission(self, request):
        # Tokens are shown once, at creation: invitations are made on the invitations page.
        return False


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    list_display = ["email_digest", "at"]
    list_filter = ["at"]
    search_fields = ["email_digest"]
    fields = ["email_digest", "at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
