"""What consultations adds to pages it does not own: on "my activity", what the person
follows and how much news reached them, with a link to "my follows"; on a group's page,
its open comment periods, its calendar and its public feed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from commonweal.consultations.models import Follow, Notification
from commonweal.consultations.selectors import proceedings_listed
from commonweal.consultations.services.follows import memberships_following
from commonweal.core.panels import ACTIVITY_SECTIONS, GROUP_SECTIONS, Panel, panel_register

# The panel counts the news of this many days.
RECENT_DAYS = 30


def _my_follows(request, user):
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    chosen = Follow.objects.filter(user=user)
    return {
        "following": chosen.exclude(level=Follow.Level.MUTE).count(),
        "muted": chosen.filter(level=Follow.Level.MUTE).count(),
        "memberships": len(memberships_following(user)),
        "recent": Notification.objects.filter(user=user, created_at__gte=since).count(),
        "recent_days": RECENT_DAYS,
    }


def _group_consultations(request, group):
    """A group's page: its proceedings open now, and where its news and deadlines are."""
    open_now = proceedings_listed(request.user, group=group, status="open")
    return {"group": group, "open_now": list(open_now[:10])}


def panels_register() -> None:
    panel_register(
        slot=GROUP_SECTIONS,
        panel=Panel(
            "consultations.group",
            "consultations/follows/panel_group.html",
            _group_consultations,
            order=40,
        ),
    )
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel(
            "consultations.follows",
            "consultations/follows/panel_activity.html",
            _my_follows,
            order=50,
        ),
    )
