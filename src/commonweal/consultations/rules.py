"""Who may do what with proceedings, follows and alerts (``rules`` permissions)."""

import rules

from commonweal.community.roles import coordinates_group, is_board_member
from commonweal.core.roles import is_administrator, is_secretariat

is_staff = is_secretariat | is_administrator


@rules.predicate
def coordinates_any_group(user) -> bool:
    return coordinates_group(user, None)


@rules.predicate
def proceeding_published(user, proceeding) -> bool:
    return proceeding is not None and proceeding.published_at is not None


@rules.predicate
def endorses_for(user, submission) -> bool:
    group = submission.on_behalf_of if submission is not None else None
    return group is not None and coordinates_group(user, group)


@rules.predicate
def submission_author(user, submission) -> bool:
    return submission is not None and submission.author_id == user.pk


rules.add_perm("consultations.manage_proceeding", is_staff)
rules.add_perm("consultations.view_proceeding", proceeding_published | is_staff)
rules.add_perm("consultations.submit", rules.is_authenticated)
rules.add_perm("consultations.edit_submission", submission_author)
rules.add_perm("consultations.endorse_submission", endorses_for | is_staff)
# Who finds the endorsement queue in the menus: coordinators and staff.
rules.add_perm("consultations.endorse_any", coordinates_any_group | is_staff)
# "Flag as important": board members, the secretariat and group coordinators.
rules.add_perm(
    "consultations.flag",
    is_board_member | is_secretariat | coordinates_any_group | is_administrator,
)
rules.add_perm("consultations.follow", rules.is_authenticated)
