"""Administrators register platforms in Django's admin (it admits only staff, and these
models only to those given their permissions: by default superusers)."""

from django.contrib import admin
from django.db import models

from commonweal.learning.lti.models import LtiAccount, LtiPlatform


@admin.register(LtiPlatform)
class LtiPlatformAdmin(admin.ModelAdmin):
    list_display = ("name", "issuer", "client_id", "active")
    list_filter = ("active",)
    search_fields = ("name", "issuer", "client_id")
    # Platforms are reached over HTTPS: an address typed without a scheme gets it.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(LtiAccount)
class LtiAccountAdmin(admin.ModelAdmin):
    list_display = ("platform", "subject", "user", "linked_at")
    list_select_related = ("platform", "user")
    list_filter = ("platform",)
    search_fields = ("subject",)
    raw_id_fields = ("user",)
