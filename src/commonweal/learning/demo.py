"""The demo's courses, written by the Commonweal team, loaded from
``learning/fixtures/courses/`` by the same importer as ``commonweal courses import``.

The importer alone is safe to run twice but not silent: it replaces a quiz's questions
and saves every edition again (moving its "last changed"). The demo loader may run on a
database that already holds the demo, so a course the folder describes exactly as it is
stored is left alone, and running this twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from commonweal.learning import selectors
from commonweal.learning.folder import read_courses
from commonweal.learning.models import Course
from commonweal.learning.services.importing import courses_import

DEMO_COURSES = Path(__file__).resolve().parent / "fixtures" / "courses"


def courses_load_demo() -> int:
    """Import the demo courses that are missing or differ from their folder; the number
    imported (0 when the database already holds them as written)."""
    specs = read_courses(DEMO_COURSES)
    stored = {
        course.slug: course for course in Course.objects.filter(slug__in=[s.slug for s in specs])
    }
    changed = [
        spec
        for spec in specs
        if spec.slug not in stored or selectors.course_spec(stored[spec.slug]) != spec
    ]
    if changed:
        courses_import(courses=changed)
    return len(changed)
