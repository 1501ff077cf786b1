"""Answering the news other apps announce (core/follows.py ``happened``)."""

from commonweal.consultations.services.events import event_record
from commonweal.core.follows import happened


def _on_happened(sender, news, **kwargs) -> None:
    event_record(news=news)


def receivers_connect() -> None:
    happened.connect(_on_happened, dispatch_uid="consultations.happened")
