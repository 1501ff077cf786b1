"""What the learning center adds to pages it does not own: its courses on the home page,
and a learner's courses and certificates on their "my activity" page."""

from __future__ import annotations

from django.utils.translation import get_language

from commonweal.core.panels import ACTIVITY_SECTIONS, HOME_SECTIONS, Panel, panel_register
from commonweal.learning import selectors

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


def panels_register() -> None:
    panel_register(
        slot=HOME_SECTIONS,
        panel=Panel("learning.courses", "learning/panels/home_courses.html", _home_courses),
    )
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("learning.mine", "learning/panels/activity.html", _my_learning, order=40),
    )
