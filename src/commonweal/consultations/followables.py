"""Comment proceedings as things people follow (core/follows.py): named by their
title, found at their page, concerning their groups. A draft names nothing."""

from __future__ import annotations

from commonweal.consultations.models import Proceeding
from commonweal.core import follows


def followables_register() -> None:
    follows.followable_register(
        follows.followable_table(
            follows.PROCEEDING,
            Proceeding.objects.filter(published_at__isnull=False),
            label=lambda proceeding: proceeding.title,
            groups=lambda proceeding: sorted(proceeding.groups.values_list("pk", flat=True)),
        )
    )
