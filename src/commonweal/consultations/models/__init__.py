"""Consultations' records: comment proceedings (``proceedings``) and who hears of what
(``alerts``)."""

from commonweal.consultations.models.alerts import (
    LEVEL_CATEGORIES,
    Delivery,
    Event,
    Follow,
    Message,
    Notification,
    delivery_for,
)
from commonweal.consultations.models.proceedings import (
    Document,
    Extension,
    Proceeding,
    Submission,
)

__all__ = [
    "LEVEL_CATEGORIES",
    "Delivery",
    "Document",
    "Event",
    "Extension",
    "Follow",
    "Message",
    "Notification",
    "Proceeding",
    "Submission",
    "delivery_for",
]
