"""The roles of the permission tables, and one row of such a table.

A row lists the status each role gets, in ``ROLE_ORDER`` but without the custodian: the
custodian is a site role like the ombudsman (an account in an auth group, no memberships),
so it gets what the ombudsman gets unless the row says otherwise (``custodian=``). A row of
every role, custodian included, may be given whole.
"""

from commonweal.core.roles import ROLES

ROLE_ORDER = list(ROLES)
WITHOUT_CUSTODIAN = [role for role in ROLE_ORDER if role != "custodian"]


def row(*statuses: int, custodian: int | None = None) -> dict[str, int]:
    if len(statuses) == len(ROLE_ORDER):
        return dict(zip(ROLE_ORDER, statuses, strict=True))
    statuses_by_role = dict(zip(WITHOUT_CUSTODIAN, statuses, strict=True))
    statuses_by_role["custodian"] = (
        statuses_by_role["ombudsman"] if custodian is None else custodian
    )
    return {role: statuses_by_role[role] for role in ROLE_ORDER}
