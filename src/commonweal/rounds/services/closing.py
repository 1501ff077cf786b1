"""The secretariat's "Close voting and count": the count, with the reason it gave."""

from __future__ import annotations

import datetime

from django.db import transaction

from commonweal.rounds.models import Round
from commonweal.rounds.services.counting import round_close

NOTE_MAX_LENGTH = 2000


@transaction.atomic
def round_close_with_note(
    *, voting_round: Round, note: str = "", by=None, now: datetime.datetime | None = None
) -> Round:
    """Close voting, count and publish (``round_close``), keeping why it was closed.

    The note is stored only by the call that counts: closing a counted round again
    changes nothing, its first note included.
    """
    if Round.objects.select_for_update().get(pk=voting_round.pk).is_counted:
        return Round.objects.get(pk=voting_round.pk)
    counted = round_close(voting_round=voting_round, by=by, now=now)
    note = note.strip()[:NOTE_MAX_LENGTH]
    if note:
        counted.close_note = note
        counted.save(update_fields=["close_note"])
    return counted
