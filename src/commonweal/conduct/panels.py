"""What conduct adds to pages it does not own: on the ombudsman's and the custodians'
"my activity" page, how many cases are open and overdue, and how many requests to
disclose wait — counts only, never a word of a case."""

from __future__ import annotations

import rules
from django.utils import timezone

from commonweal.conduct.models import Case
from commonweal.conduct.services import handling
from commonweal.core.panels import ACTIVITY_SECTIONS, Panel, panel_register


def _cases_waiting(request, user):
    if not rules.has_perm("conduct.see_cases", user):
        return None
    now = timezone.now()
    still_open = list(handling.cases_of(user).exclude(status=Case.Status.CLOSED))
    waiting = 0
    if rules.has_perm("conduct.decide_disclosure", user):
        waiting = handling.disclosures_waiting(user).count()
    return {
        "open": len(still_open),
        "overdue": sum(handling.is_overdue(case, now) for case in still_open),
        "waiting": waiting,
    }


def panels_register() -> None:
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("conduct.cases", "conduct/cases/activity.html", _cases_waiting, order=4),
    )
