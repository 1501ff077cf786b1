"""Who may do what with conduct cases. The reporter is not an account but the holder of
the receipt: their pages check the receipt, not these rules.

No predicate here lets an administrator in: conduct cases are for the roles alone. Django's
``User.has_perm`` answers yes to every superuser before asking these rules, so the cases'
views ask ``rules.has_perm`` as well (``views_cases.conduct_access``)."""

import rules

from commonweal.core.roles import is_custodian, is_ombudsman

rules.add_perm("conduct.handle_cases", is_ombudsman)
rules.add_perm("conduct.decide_disclosure", is_custodian)
rules.add_perm("conduct.see_cases", is_ombudsman | is_custodian)
