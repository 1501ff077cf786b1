"""Who may do what with conduct cases. The reporter is not an account but the holder of
the receipt: their pages check the receipt, not these rules."""

import rules

from commonweal.core.roles import is_custodian, is_ombudsman

rules.add_perm("conduct.handle_cases", is_ombudsman)
rules.add_perm("conduct.decide_disclosure", is_custodian)
rules.add_perm("conduct.see_cases", is_ombudsman | is_custodian)
