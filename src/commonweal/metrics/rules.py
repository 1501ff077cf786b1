import rules

from commonweal.community.roles import coordinates_group
from commonweal.core.roles import is_staff_of_platform

# Dashboards and their CSV files are public, as the meeting records they come from are.
rules.add_perm("metrics.view_dashboard", rules.always_allow)
# A group assesses itself: its coordinators fill in the form, and the secretariat may
# for any group.
rules.add_perm("metrics.assess_group", coordinates_group | is_staff_of_platform)
