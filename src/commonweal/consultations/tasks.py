"""Background work: thin wrappers that load by id and call a service safe to run twice."""

from django_tasks import task

from commonweal.consultations import sending
from commonweal.consultations.services import delivery, events


@task()
def event_deliver(event_id: int) -> None:
    """Work out who an event reaches; queue and send what goes out at once."""
    events.event_fan_out(event_id=event_id)
    messages = delivery.realtime_queue(event_id=event_id)
    if messages:
        sending.messages_send(pks=[message.pk for message in messages])


@task()
def digest_deliver(frequency: str) -> None:
    """Write this period's daily or weekly digests, then send what is queued."""
    delivery.digest_compose(frequency=frequency)
    sending.messages_send()


@task()
def messages_deliver() -> None:
    """Send every queued email (each at most once; see consultations/sending.py)."""
    sending.messages_send()
