"""The roles that follow from a person's current memberships, as ``rules`` predicates.

A board member belongs to a group of kind "board" today; a group coordinator holds
a coordinating role in a group today. Both change when the roster changes. The
site-wide roles (secretariat, ombudsman, administrator) are in ``core.roles``.
"""

from __future__ import annotations

import rules

from commonweal.community.models import Membership, StakeholderGroup


def _current_memberships(user):
    if not user.is_authenticated or user.person_id is None:
        return Membership.objects.none()
    return Membership.objects.current().filter(person_id=user.person_id)


@rules.predicate
def is_board_member(user) -> bool:
    return _current_memberships(user).filter(group__kind=StakeholderGroup.Kind.BOARD).exists()


@rules.predicate
def coordinates_group(user, group) -> bool:
    """Coordinates ``group`` — or, with no group, coordinates any group."""
    memberships = _current_memberships(user).filter(role__in=Membership.COORDINATING_ROLES)
    if group is not None:
        memberships = memberships.filter(group_id=group.pk)
    return memberships.exists()
