import rules

from commonweal.core.roles import is_staff_of_platform

# Who may vote is not a role but a current membership of one of the round's voting
# groups (selectors.voting_groups); the ballot view checks it on the round.
rules.add_perm("rounds.manage", is_staff_of_platform)
# Comments on priority lists are the discussion app's (its own rules).
