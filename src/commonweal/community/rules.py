import rules

from commonweal.community.roles import coordinates_group
from commonweal.core.roles import is_staff_of_platform

rules.add_perm("community.manage_memberships", coordinates_group | is_staff_of_platform)
rules.add_perm("community.import_roster", is_staff_of_platform)
