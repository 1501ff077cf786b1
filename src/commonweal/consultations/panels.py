"""What following adds to pages it does not own: on "my activity", what the person
follows and how much news reached them, with a link to "my follows"."""

from __future__ import annotations

import datetime

from django.utils import timezone

from commonweal.consultations.models import Follow, Notification
from commonweal.consultations.services.follows import memberships_following
from commonweal.core.panels import ACTIVITY_SECTIONS, Panel, panel_register

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


def panels_register() -> None:
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel(
            "consultations.follows",
            "consultations/follows/panel_activity.html",
            _my_follows,
            order=50,
        ),
    )
