"""The limit on receipts tried: a client that has tried too many receipts that open no case
in the past hour is refused (429) until the hour has passed, so a receipt cannot be
guessed. Like accounts' sign-in limit, only a keyed hash of the address is kept, an hour.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commonweal.conduct.models import ReceiptFailure

FAILURES_PER_HOUR = 10


def _limit() -> int:
    return getattr(settings, "CONDUCT_RECEIPT_FAILURES_PER_HOUR", FAILURES_PER_HOUR)


def _digest(address: str) -> str:
    # Keyed, so the table alone cannot be matched against a list of addresses.
    key = hashlib.sha256(b"commonweal.conduct.address:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def receipt_blocked(*, address: str) -> bool:
    """True when ``address`` has used up its failed receipts for the past hour."""
    since = timezone.now() - datetime.timedelta(hours=1)
    failures = ReceiptFailure.objects.filter(address_digest=_digest(address), at__gte=since)
    return failures.count() >= _limit()


@transaction.atomic
def receipt_failure_record(*, address: str) -> None:
    now = timezone.now()
    ReceiptFailure.objects.create(address_digest=_digest(address), at=now)
    # Rows older than the hour limit nothing: trimming here needs no scheduled job.
    ReceiptFailure.objects.filter(at__lt=now - datetime.timedelta(hours=1)).delete()
