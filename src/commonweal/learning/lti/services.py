"""Turning a checked launch into a local account and a course."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import Resolver404, resolve

from commonweal.learning.lti.models import LtiAccount, LtiPlatform
from commonweal.learning.models import Course

CUSTOM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/custom"
TARGET_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri"
# Accounts made for a platform's learners get an address that can receive nothing
# (the .invalid top-level domain is reserved for that), as an account needs one.
_PLACEHOLDER_DOMAIN = "lti.invalid"


def _placeholder_email(platform: LtiPlatform, subject: str) -> str:
    digest = hashlib.sha256(f"{platform.pk}\n{subject}".encode()).hexdigest()[:24]
    return f"lti-{digest}@{_PLACEHOLDER_DOMAIN}"


@transaction.atomic
def lti_account_link(*, platform: LtiPlatform, subject: str, claims: dict):
    """The account linked to the platform's learner, made on their first launch: no
    password (they sign in through the platform), no real address, the name the
    platform gave if any."""
    link = LtiAccount.objects.select_related("user").filter(platform=platform, subject=subject)
    found = link.first()
    if found is not None:
        return found.user
    user = get_user_model().objects.create_user(
        email=_placeholder_email(platform, subject),
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    LtiAccount.objects.create(platform=platform, subject=subject, user=user)
    return user


def launch_course(claims: dict) -> Course | None:
    """The course a launch names: a custom parameter ``course`` (its slug) first, else
    the target link when it is a course page's address."""
    custom = claims.get(CUSTOM_CLAIM) or {}
    slug = custom.get("course") if isinstance(custom, dict) else None
    if not slug:
        try:
            match = resolve(urlsplit(str(claims.get(TARGET_CLAIM) or "")).path)
        except Resolver404:
            return None
        if match.view_name != "learning:course":
            return None
        slug = match.kwargs["slug"]
    return Course.objects.filter(slug=str(slug)).first()
