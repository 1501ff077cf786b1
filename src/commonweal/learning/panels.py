"""What the learning center adds to pages it does not own: its courses on the home page,
a learner's courses and certificates on their "my activity" page, and on a round's or
group's page the courses it asks for (and a group's primer)."""

from __future__ import annotations

from django.utils.translation import get_language

from commonweal.core.panels import (
    ACTIVITY_SECTIONS,
    GROUP_SECTIONS,
    HOME_SECTIONS,
    ROUND_ACCESS,
    Panel,
    panel_register,
)
from commonweal.learning import requirements, selectors

# The home page lists this many courses, then links to all of them.
HOME_COURSES = 6


def _home_courses(request, _subject):
    listed = list(selectors.courses()[: HOME_COURSES + 1])
    if not listed:
        return None
    language = get_language()
    shown = [(course, *course.title_in(language)) for course in listed[:HOME_COURSES]]
    return {"courses": shown, "more": len(listed) > HOME_COURSES}


def _my_learning(request, user):
    enrolments = list(selectors.enrolments_of(user))
    certificates = list(selectors.certificates_of(user))
    if not enrolments and not certificates:
        return None
    language = get_language()
    return {
        "enrolments": [(item, *item.course.title_in(language)) for item in enrolments],
        "certificates": [(item, *item.course.title_in(language)) for item in certificates],
    }


def _required_courses(request, subject, permission: str):
    """The courses a round or group asks for, each with whether the reader completed it,
    and whether the reader may change them; hidden when there is nothing to say."""
    required = [item.course for item in requirements.requirements_of(subject)]
    may_author = request.user.is_authenticated and request.user.has_perm(permission, subject)
    if not required and not may_author:
        return None
    missing = set(requirements.not_completed(request.user, required))
    rows = [
        (course, requirements.course_title(course), course not in missing) for course in required
    ]
    return {"subject": subject, "courses": rows, "may_author": may_author}


def _round_requirements(request, voting_round):
    return _required_courses(request, voting_round, "learning.require_for_round")


def _group_requirements(request, group):
    return _required_courses(request, group, "learning.require_for_group")


def _group_primer(request, group):
    primer = requirements.primer_of(group)
    if primer is None:
        return None
    return {"group": group, "course": primer, "title": primer.title_in(get_language())}


def panels_register() -> None:
    panel_register(
        slot=HOME_SECTIONS,
        panel=Panel("learning.courses", "learning/panels/home_courses.html", _home_courses),
    )
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("learning.mine", "learning/panels/activity.html", _my_learning, order=40),
    )
    panel_register(
        slot=ROUND_ACCESS,
        panel=Panel(
            "learning.requirements",
            "learning/requirements/round_panel.html",
            _round_requirements,
        ),
    )
    panel_register(
        slot=GROUP_SECTIONS,
        panel=Panel("learning.primer", "learning/panels/primer.html", _group_primer, order=10),
    )
    panel_register(
        slot=GROUP_SECTIONS,
        panel=Panel(
            "learning.requirements",
            "learning/requirements/group_panel.html",
            _group_requirements,
            order=20,
        ),
    )
