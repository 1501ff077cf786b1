"""Recording news and working out who it reaches (writes; see ``audience.py`` for who)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from commonweal.consultations.audience import audience
from commonweal.consultations.models import Event, Notification
from commonweal.core.follows import News


@transaction.atomic
def event_record(*, news: News, sender=None, reason: str = "", groups=()) -> Event:
    """The event for ``news``: written once; announcing the same key again returns it."""
    event, created = Event.objects.get_or_create(
        key=news.key,
        defaults={
            "kind": news.kind,
            "subject": news.subject,
            "event": news.event,
            "category": news.category,
            "title": news.title[:300],
            "url": news.url,
            "deadline": news.deadline,
            "sender": sender,
            "sender_name": _name(sender),
            "reason": reason,
        },
    )
    if created:
        event.groups.set([*news.groups, *groups])
        transaction.on_commit(lambda: _deliver_later(event.pk))
    return event


def _name(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return str(person) if person is not None else user.email


def _deliver_later(event_id: int) -> None:
    from commonweal.consultations.tasks import event_deliver

    event_deliver.enqueue(event_id)


@transaction.atomic
def event_fan_out(*, event_id: int) -> list[Notification]:
    """Write a notification for each person the event reaches (once: a second run finds
    the event fanned out and writes nothing)."""
    event = Event.objects.select_for_update().get(pk=event_id)
    if event.fanned_out_at is not None:
        return []
    rows = [
        Notification(user_id=reach.user_id, event=event, why=reach.why, why_label=reach.label[:300])
        for reach in audience(event)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    event.fanned_out_at = timezone.now()
    event.save(update_fields=["fanned_out_at"])
    return list(Notification.objects.filter(event=event).order_by("pk"))
