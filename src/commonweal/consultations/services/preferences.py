"""How a person wants to hear of what they follow: how often, reminders, email or not."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.consultations.models import Delivery, delivery_for

# Reminders come at most this many days before a deadline.
REMINDER_DAYS_MAX = 30


class PreferenceError(ValueError):
    """A preference that cannot be kept; the message is for the person."""


@transaction.atomic
def preferences_set(*, user, frequency: str, reminder_days: int, email: bool) -> Delivery:
    """Keep the person's choices; turning email off is unsubscribing (on again: resumed)."""
    if frequency not in Delivery.Frequency.values:
        raise PreferenceError(_("Choose how often email comes."))
    if not 0 <= reminder_days <= REMINDER_DAYS_MAX:
        raise PreferenceError(
            _("Reminders come between 0 and %(max)s days before.") % {"max": REMINDER_DAYS_MAX}
        )
    delivery = delivery_for(user)
    delivery.frequency = frequency
    delivery.reminder_days = reminder_days
    if not email and delivery.unsubscribed_at is None:
        delivery.unsubscribed_at = timezone.now()
    elif email:
        delivery.unsubscribed_at = None
    delivery.save(update_fields=["frequency", "reminder_days", "unsubscribed_at"])
    return delivery
