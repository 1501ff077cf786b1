"""Who may do what in the learning center.

Anyone may read a course, its lessons and its quizzes, and anyone may verify a
certificate; an account is needed only to keep progress, answer a quiz and hold a
certificate. A course owned by a group is authored by that group's coordinators and
by the secretariat; a course with no owning group by the secretariat alone.
Administrators pass every check, as everywhere.
"""

import rules

from commonweal.community.roles import coordinates_group
from commonweal.core.roles import is_staff_of_platform


@rules.predicate
def coordinates_owning_group(user, course) -> bool:
    if course is None or course.owner_group_id is None:
        return False
    return coordinates_group(user, course.owner_group)


@rules.predicate
def holds_certificate(user, certificate) -> bool:
    return certificate is not None and certificate.learner_id == user.pk


@rules.predicate
def made_attempt(user, attempt) -> bool:
    return attempt is not None and attempt.enrolment.user_id == user.pk


# A coordinator may start a course for a group they coordinate (the form offers only those).
rules.add_perm("learning.add_course", is_staff_of_platform | coordinates_group)
rules.add_perm("learning.author_course", is_staff_of_platform | coordinates_owning_group)
rules.add_perm("learning.learn", rules.is_authenticated)
rules.add_perm("learning.view_certificate", rules.is_authenticated & holds_certificate)
rules.add_perm("learning.view_attempt", rules.is_authenticated & made_attempt)
