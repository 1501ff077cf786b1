"""A meeting series may be followed (core/follows.py): by the event its meetings' headers
name ("ICANN64"); each new meeting of the series is news to its followers."""

from __future__ import annotations

from django.urls import reverse

from commonweal.core.follows import SERIES, UPDATE, Followable, News, announce, followable_register
from commonweal.meetings.models import Meeting


def _newest(key: str) -> Meeting | None:
    if not key:
        return None
    return Meeting.objects.filter(event=key).order_by("-date", "-pk").first()


def _label(key: str) -> str | None:
    return key if _newest(key) is not None else None


def _url(key: str) -> str | None:
    # The meetings list has no filter by series: the series' newest meeting stands for it.
    newest = _newest(key)
    return newest.get_absolute_url() if newest is not None else None


def followables_register() -> None:
    followable_register(Followable(SERIES, label=_label, url=_url))


def meeting_announce(meeting: Meeting) -> None:
    """Tell the series' followers of a new meeting record (call inside the transaction)."""
    if not meeting.event:
        return
    announce(
        News(
            key=f"series:{meeting.event}:meeting:{meeting.pk}",
            kind=SERIES,
            subject=meeting.event,
            event="series.meeting",
            category=UPDATE,
            title=meeting.title,
            url=reverse("meetings:meeting", kwargs={"pk": meeting.pk}),
        )
    )
