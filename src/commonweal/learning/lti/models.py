"""What the tool keeps about LTI platforms: their registrations, its own signing key, the
accounts linked to their learners, and the short-lived login state.

Imported from ``LearningConfig.ready()``; the models belong to the ``learning`` app.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _key_set_check(value) -> None:
    if value in (None, ""):
        return
    if not isinstance(value, dict) or not isinstance(value.get("keys"), list):
        raise ValidationError(_('A key set is a JSON object with a list of "keys".'))


def _deployment_ids_check(value) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Give the deployment ids as a JSON list of texts."))


class LtiPlatform(models.Model):
    """One registration of this tool in a platform: what the platform's administrator
    gave us (issuer, client id, URLs, keys, deployments)."""

    name = models.CharField(_("name"), max_length=100)
    issuer = models.CharField(_("issuer"), max_length=255)
    client_id = models.CharField(_("client id"), max_length=255)
    auth_login_url = models.URLField(_("authentication request URL"), max_length=1024)
    auth_token_url = models.URLField(_("access token URL"), max_length=1024)
    auth_audience = models.CharField(_("access token audience"), max_length=1024, blank=True)
    key_set_url = models.URLField(_("key set URL"), max_length=1024, blank=True)
    key_set = models.JSONField(
        _("key set"),
        null=True,
        blank=True,
        validators=[_key_set_check],
        help_text=_("The platform's public keys as JWKS, when it gives no key set URL."),
    )
    deployment_ids = models.JSONField(
        _("deployment ids"), default=list, validators=[_deployment_ids_check]
    )
    embed_origin = models.URLField(
        _("origin allowed to frame the course"),
        blank=True,
        help_text=_("For example https://moodle.example.org; the issuer's origin when empty."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        app_label = "learning"
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="learning_lti_one_client"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.key_set_url and not self.key_set:
            raise ValidationError(_("Give the platform's key set URL or its key set."))

    @property
    def frame_origin(self) -> str:
        """The one origin whose pages may show the launched course in a frame."""
        parts = urlsplit(self.embed_origin or self.issuer)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""

    def key_set_text(self) -> str:
        return json.dumps(self.key_set) if self.key_set else ""


class LtiToolKey(models.Model):
    """The tool's RSA key, made on first use; its public half is served as JWKS so that
    platforms can check what the tool signs (grade reports, deep links)."""

    private_key = models.TextField(_("private key (PEM)"))
    kid = models.CharField(_("key id"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        app_label = "learning"
        verbose_name = _("LTI tool key")
        verbose_name_plural = _("LTI tool keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.kid


class LtiAccount(models.Model):
    """The local account of a platform's learner, found again by (issuer, subject)."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="accounts")
    subject = models.CharField(_("subject"), max_length=255)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lti_account",
        verbose_name=_("account"),
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        app_label = "learning"
        verbose_name = _("LTI learner")
        verbose_name_plural = _("LTI learners")
        constraints = [
            models.UniqueConstraint(fields=["platform", "subject"], name="learning_lti_one_link"),
        ]

    def __str__(self) -> str:
        return f"{self.platform} · {self.subject}"


class LtiCacheEntry(models.Model):
    """The table of Django's database cache that holds pylti1p3's login state (nonces,
    states, launch data) for minutes, shared by every worker process. Only
    ``DatabaseCache`` reads and writes it; the columns are the ones it expects."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "learning"
        db_table = "learning_lti_cache"
        default_permissions = ()

    def __str__(self) -> str:
        return self.cache_key
