"""Telling people about membership requests: by email, and by a message on their next page.

Emails go out after the transaction commits (a failed send never undoes a decision), in
the language the recipient chose for their account. The page message is delivered by
``DecisionNoticeMiddleware`` on the person's next page, once.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commonweal.community.models import Membership, MembershipRequest, Person

logger = logging.getLogger(__name__)


def _address_and_language(person: Person) -> tuple[str, str]:
    """Where to write to ``person`` and in which language; no address when there is none."""
    # The account (accounts.User, one floor up) reaches us through its reverse relation.
    account = getattr(person, "account", None)
    if account is not None and account.is_active:
        return account.email, account.language or settings.LANGUAGE_CODE
    return person.email, settings.LANGUAGE_CODE


def _send(*, person: Person, template: str, context: dict) -> None:
    """Send ``<template>_subject.txt`` and ``<template>.txt`` to ``person``, if reachable."""
    address, language = _address_and_language(person)
    if not address or person.is_erased:
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        send_mail(
            subject=subject,
            message=render_to_string(f"{template}.txt", context),
            from_email=None,
            recipient_list=[address],
        )


def request_arrived_email(*, membership_request: MembershipRequest, site_url: str) -> None:
    """Tell each current coordinator of the group that someone asks to join.

    A group without a coordinator has only the secretariat, who see the waiting
    requests counted on the groups page.
    """
    group = membership_request.group
    coordinators = (
        Membership.objects.current()
        .filter(group=group, role__in=Membership.COORDINATING_ROLES)
        .exclude(person_id=membership_request.person_id)
        .select_related("person")
    )
    context = {
        "person": membership_request.person.display_name,
        "group": group.name,
        "note": membership_request.note,
        "queue_url": site_url + reverse("community:request_queue", kwargs={"slug": group.slug}),
    }
    for person in {membership.person for membership in coordinators}:
        _send(person=person, template="community/email/request_arrived", context=context)


def decision_email(*, membership_request: MembershipRequest, site_url: str) -> None:
    """Tell the person who asked what was decided, and why when a note was given."""
    group = membership_request.group
    context = {
        "approved": membership_request.status == MembershipRequest.Status.APPROVED,
        "group": group.name,
        "note": membership_request.decision_note,
        "group_url": site_url + group.get_absolute_url(),
        "my_groups_url": site_url + reverse("community:my_groups"),
    }
    _send(person=membership_request.person, template="community/email/decision", context=context)


def decision_message(membership_request: MembershipRequest) -> str:
    group = membership_request.group.name
    if membership_request.status == MembershipRequest.Status.APPROVED:
        text = _("Your request to join %(group)s was approved: you are now a member.")
    else:
        text = _("Your request to join %(group)s was declined.")
    text %= {"group": group}
    if membership_request.decision_note:
        text += " " + _("Note: %(note)s") % {"note": membership_request.decision_note}
    return text


def decision_notices_deliver(request) -> None:
    """Add a message for each decision the signed-in person has not yet been shown."""
    decided = (
        MembershipRequest.objects.filter(
            person_id=request.user.person_id,
            person_told_at__isnull=True,
            status__in=[MembershipRequest.Status.APPROVED, MembershipRequest.Status.DECLINED],
        )
        .select_related("group")
        .order_by("decided_at")
    )
    told = []
    for membership_request in decided:
        approved = membership_request.status == MembershipRequest.Status.APPROVED
        level = messages.SUCCESS if approved else messages.INFO
        messages.add_message(request, level, decision_message(membership_request))
        told.append(membership_request.pk)
    if told:
        MembershipRequest.objects.filter(pk__in=told).update(person_told_at=timezone.now())
