"""Telling people that something waits in a case — and nothing else.

An email leaves the platform in clear and may be read by whoever reads the mailbox, so
these say only that there is news and where to open it: a key holder learns the case's
reference ("A new message in case C-2026-0003") and a link to the case, a named reporter
who gave an email learns that there is a new message in their case, to be opened with
their receipt. No kind of conduct, no name, no word of a report or a message, ever.

The services call these after their transaction commits, so a failing mail server never
undoes an action.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from commonweal.conduct.models import Case, CaseKey, DisclosureRequest, KeyHolder

# The reporter's page where a receipt opens the case (the reporting side's).
FOLLOW_UP_URL = "conduct:followup"


def _send(*, to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        send_mail(
            subject=subject,
            message=render_to_string(f"{template}.txt", context),
            from_email=None,
            recipient_list=[to],
        )


def _users(holders):
    users = get_user_model().objects.filter(conduct_keys__in=holders, is_active=True, email__gt="")
    return users.distinct()


def _case_url(case: Case, site_url: str) -> str:
    return site_url + reverse("conduct:case", kwargs={"pk": case.pk})


def case_news_email(*, case: Case, site_url: str, new_report: bool = False) -> None:
    """Tell each key holder the case is sealed to that a report, or a message, arrived."""
    holders = KeyHolder.objects.filter(
        sealed__case=case, sealed__purpose=CaseKey.Purpose.CASE, retired_at__isnull=True
    )
    context = {
        "reference": case.reference,
        "new_report": new_report,
        "case_url": _case_url(case, site_url),
    }
    for user in _users(holders):
        _send(
            to=user.email,
            language=user.language,
            template="conduct/cases/email/news",
            context=context,
        )


def reporter_news_email(*, email: str, site_url: str, language: str = "") -> None:
    """Tell a reporter who gave their email that a message waits, behind their receipt,
    in the language of the page they filed on (the site's where none was kept)."""
    context = {"follow_up_url": site_url + reverse(FOLLOW_UP_URL)}
    known = {code for code, _name in settings.LANGUAGES}
    _send(
        to=email,
        language=language if language in known else settings.LANGUAGE_CODE,
        template="conduct/cases/email/reporter_news",
        context=context,
    )


def disclosure_waiting_email(*, request: DisclosureRequest, site_url: str) -> None:
    """Tell the custodians (not the one who asked) that a request waits for a decision."""
    holders = KeyHolder.objects.filter(role=KeyHolder.Role.CUSTODIAN, retired_at__isnull=True)
    context = {
        "reference": request.case.reference,
        "disclosure_url": site_url + reverse("conduct:disclosure", kwargs={"pk": request.pk}),
    }
    for user in _users(holders).exclude(pk=request.requested_by_id):
        _send(
            to=user.email,
            language=user.language,
            template="conduct/cases/email/disclosure_waiting",
            context=context,
        )
