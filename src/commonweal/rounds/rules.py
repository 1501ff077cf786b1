import rules

from commonweal.core.roles import is_staff_of_platform

# Who may vote is not a role but a current membership of one of the round's voting
# groups (selectors.voting_groups); the ballot view checks it on the round.
rules.add_perm("rounds.manage", is_staff_of_platform)
rules.add_perm("rounds.comment", rules.is_authenticated)
rules.add_perm("rounds.hide_comment", is_staff_of_platform)
