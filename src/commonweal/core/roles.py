"""The platform's roles, as predicates of the ``rules`` library.

Site-wide roles (secretariat staff, ombudsman) are Django auth groups that an
administrator assigns; board member and group coordinator follow from a
person's current memberships, so they change when the roster changes.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

SECRETARIAT = "secretariat"
OMBUDSMAN = "ombudsman"
SITE_ROLE_GROUPS = (SECRETARIAT, OMBUDSMAN)

# Every role, in the order the permission matrix lists them.
ROLES = {
    "anonymous": _("anonymous visitor"),
    "participant": _("participant"),
    "coordinator": _("group coordinator"),
    "secretariat": _("secretariat staff"),
    "board": _("board member"),
    "ombudsman": _("ombudsman"),
    "administrator": _("administrator"),
}

is_administrator = rules.is_superuser
is_secretariat = rules.is_group_member(SECRETARIAT)
is_ombudsman = rules.is_group_member(OMBUDSMAN)


def _current_memberships(user):
    from commonweal.community.models import Membership

    if not user.is_authenticated or user.person_id is None:
        return Membership.objects.none()
    return Membership.objects.current().filter(person_id=user.person_id)


@rules.predicate
def is_board_member(user) -> bool:
    from commonweal.community.models import StakeholderGroup

    return _current_memberships(user).filter(group__kind=StakeholderGroup.Kind.BOARD).exists()


@rules.predicate
def coordinates_group(user, group) -> bool:
    if group is None:
        return _current_memberships(user).filter(role__in=_coordinating_roles()).exists()
    return (
        _current_memberships(user)
        .filter(group_id=group.pk, role__in=_coordinating_roles())
        .exists()
    )


def _coordinating_roles():
    from commonweal.community.models import Membership

    return Membership.COORDINATING_ROLES


is_staff_of_platform = is_secretariat | is_administrator
