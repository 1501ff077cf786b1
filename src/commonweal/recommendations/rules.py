import rules

from commonweal.core.roles import is_staff_of_platform

# The registry is public to read; the secretariat keeps it (adds, assesses, records
# decisions and implementation).
rules.add_perm("recommendations.manage", is_staff_of_platform)
