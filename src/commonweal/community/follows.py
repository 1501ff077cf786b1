"""A group may be followed (core/follows.py): by its primary key; its members hear of
what concerns it without following it."""

from __future__ import annotations

from commonweal.community.models import StakeholderGroup
from commonweal.core.follows import GROUP, followable_register, followable_table


def followables_register() -> None:
    followable_register(
        followable_table(
            GROUP,
            StakeholderGroup.objects.all(),
            label=lambda group: group.name or group.slug,
            groups=lambda group: [group.pk],
        )
    )
