import rules

from commonweal.community.roles import coordinates_group
from commonweal.core.roles import is_staff_of_platform


@rules.predicate
def asked_for_it(user, membership_request) -> bool:
    """The request is the signed-in person's own."""
    return (
        membership_request is not None
        and user.is_authenticated
        and user.person_id is not None
        and user.person_id == membership_request.person_id
    )


@rules.predicate
def coordinates_the_requested_group(user, membership_request) -> bool:
    return membership_request is not None and coordinates_group(user, membership_request.group)


rules.add_perm("community.manage_memberships", coordinates_group | is_staff_of_platform)
rules.add_perm("community.import_roster", is_staff_of_platform)
# Anyone signed in may open the page; it says why when they may not ask (already a
# member, an appointed group, an account with no person).
rules.add_perm("community.ask_to_join", rules.is_authenticated)
rules.add_perm("community.withdraw_membership_request", asked_for_it)
# Nobody decides their own request, not even the secretariat.
rules.add_perm(
    "community.decide_membership_request",
    (coordinates_the_requested_group | is_staff_of_platform) & ~asked_for_it,
)
