"""Who may do what with the glossary.

Everyone reads it. The secretariat (and administrators) write every term; a group's
coordinators write the terms their group owns, and may add terms for a group they
coordinate. "I know this" needs an account: it is kept for the reader.
"""

import rules

from commonweal.community.roles import coordinates_group
from commonweal.core.roles import is_staff_of_platform


@rules.predicate
def coordinates_term_owner(user, term) -> bool:
    if term is None or term.owner_group_id is None:
        return False
    return coordinates_group(user, term.owner_group)


rules.add_perm("learning.add_term", is_staff_of_platform | coordinates_group)
rules.add_perm("learning.author_term", is_staff_of_platform | coordinates_term_owner)
rules.add_perm("learning.know_term", rules.is_authenticated)
