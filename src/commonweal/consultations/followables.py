"""Comment proceedings as things people follow (core/follows.py): named by their
title, found at their page, concerning their groups. A draft names nothing."""

from __future__ import annotations

from commonweal.consultations.models import Proceeding
from commonweal.core import follows


def _published(key: str) -> Proceeding | None:
    if not key.isdigit():
        return None
    return Proceeding.objects.filter(pk=int(key), published_at__isnull=False).first()


def _label(key: str) -> str | None:
    proceeding = _published(key)
    return proceeding.title if proceeding is not None else None


def _url(key: str) -> str | None:
    proceeding = _published(key)
    return proceeding.get_absolute_url() if proceeding is not None else None


def _groups(key: str) -> list[int]:
    proceeding = _published(key)
    if proceeding is None:
        return []
    return sorted(proceeding.groups.values_list("pk", flat=True))


def followables_register() -> None:
    follows.followable_register(
        follows.Followable(kind=follows.PROCEEDING, label=_label, url=_url, groups=_groups)
    )
