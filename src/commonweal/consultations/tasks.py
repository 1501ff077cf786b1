"""Background work: thin wrappers that load by id and call a service safe to run twice."""

from django_tasks import task

from commonweal.consultations.services import events


@task()
def event_deliver(event_id: int) -> None:
    """Work out who an event reaches; queue and send what goes out at once."""
    events.event_fan_out(event_id=event_id)
