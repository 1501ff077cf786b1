"""Telling people about moderation by email, since they may not be on the site.

The services call these after their transaction commits (a failing mail server never
undoes a decision). Each email goes out in the language the recipient chose for their
account. The same news waits on the author's "my activity" page (``panels.py``), which
is read from the moderation records themselves, so nothing here needs to be stored.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from commonweal.core.roles import OMBUDSMAN
from commonweal.discussion.models import Appeal, Comment, Moderation
from commonweal.discussion.targets import target_label


def _send(*, user, template: str, context: dict) -> None:
    """Send ``<template>_subject.txt`` and ``<template>.txt`` to ``user``, if reachable."""
    if user is None or not user.is_active or not user.email:
        return
    with translation.override(user.language or settings.LANGUAGE_CODE):
        # Labels are worded in the recipient's language too.
        context = {**context, "about": target_label(context["comment"].target)}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        send_mail(
            subject=subject,
            message=render_to_string(f"{template}.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )


def _links(comment: Comment, site_url: str) -> dict[str, str]:
    return {
        "comment_url": site_url + reverse("discussion:comment", kwargs={"pk": comment.pk}),
        "activity_url": site_url + reverse("accounts:activity"),
    }


def hidden_email(*, moderation: Moderation, site_url: str) -> None:
    """Tell the author that a moderator hid their comment, why, and how to appeal."""
    comment = moderation.comment
    context = {
        "comment": comment,
        "moderation": moderation,
        "appeal_url": site_url + reverse("discussion:appeal", kwargs={"pk": comment.pk}),
        **_links(comment, site_url),
    }
    _send(user=comment.author, template="discussion/email/hidden", context=context)


def appeal_arrived_email(*, appeal: Appeal, site_url: str) -> None:
    """Tell each ombudsman that an appeal waits for a decision."""
    comment = appeal.moderation.comment
    context = {"comment": comment, "queue_url": site_url + reverse("discussion:appeals")}
    ombudsmen = get_user_model().objects.filter(groups__name=OMBUDSMAN, is_active=True)
    for user in ombudsmen:
        _send(user=user, template="discussion/email/appeal_arrived", context=context)


def decided_email(*, appeal: Appeal, site_url: str) -> None:
    """Tell the author what the ombudsman decided, and why."""
    comment = appeal.moderation.comment
    context = {"comment": comment, "appeal": appeal, **_links(comment, site_url)}
    _send(user=comment.author, template="discussion/email/decided", context=context)
