"""The platform's roles, as predicates of the ``rules`` library.

Site-wide roles (secretariat staff, ombudsman) are Django auth groups that an
administrator assigns; they are declared here. Board member and group
coordinator follow from a person's current memberships, so they change when the
roster changes; they live with the memberships, in ``community.roles``.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

SECRETARIAT = "secretariat"
OMBUDSMAN = "ombudsman"
# The second key holder of conduct reports: approves a documented request to disclose, and
# handles the cases about the ombudsman.
CUSTODIAN = "custodian"
SITE_ROLE_GROUPS = (SECRETARIAT, OMBUDSMAN, CUSTODIAN)

# Every role, in the order the permission matrix lists them.
ROLES = {
    "anonymous": _("anonymous visitor"),
    "participant": _("participant"),
    "coordinator": _("group coordinator"),
    "secretariat": _("secretariat staff"),
    "board": _("board member"),
    "ombudsman": _("ombudsman"),
    "custodian": _("custodian of conduct reports"),
    "administrator": _("administrator"),
}

is_administrator = rules.is_superuser
is_secretariat = rules.is_group_member(SECRETARIAT)
is_ombudsman = rules.is_group_member(OMBUDSMAN)
is_custodian = rules.is_group_member(CUSTODIAN)


is_staff_of_platform = is_secretariat | is_administrator
