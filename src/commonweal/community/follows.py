"""A group may be followed (core/follows.py): by its primary key; its members hear of
what concerns it without following it."""

from __future__ import annotations

from commonweal.community.models import StakeholderGroup
from commonweal.core.follows import GROUP, Followable, followable_register


def _group(key: str) -> StakeholderGroup | None:
    if not key.isdecimal():
        return None
    return StakeholderGroup.objects.filter(pk=int(key)).first()


def _label(key: str) -> str | None:
    group = _group(key)
    return (group.name or group.slug) if group is not None else None


def _url(key: str) -> str | None:
    group = _group(key)
    return group.get_absolute_url() if group is not None else None


def _groups(key: str) -> list[int]:
    return [int(key)] if _group(key) is not None else []


def followables_register() -> None:
    followable_register(Followable(GROUP, label=_label, url=_url, groups=_groups))
