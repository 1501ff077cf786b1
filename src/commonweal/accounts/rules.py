import rules

from commonweal.core.roles import is_staff_of_platform

rules.add_perm("accounts.send_invitation", is_staff_of_platform)
