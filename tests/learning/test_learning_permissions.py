"""Who may read, take and author courses: every role on every learning page.

The secretariat (and administrators) author every course; a group's coordinators author
the courses their group owns and no other; everyone reads; an account is needed only to
keep progress.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.roles import ROLE_ORDER, row

EVERYONE = row(200, 200, 200, 200, 200, 200, 200)
STAFF = row(302, 403, 403, 200, 403, 403, 200)
STAFF_AND_COORDINATOR = row(302, 403, 200, 200, 403, 403, 200)

# url name -> (which course, extra kwargs, expected status per role)
PAGES = {
    "learning:courses": (None, {}, EVERYONE),
    "learning:verify_form": (None, {}, EVERYONE),
    "learning:course": ("secretariat", {}, EVERYONE),
    "learning:lesson": ("secretariat", {"lesson": "acronyms"}, EVERYONE),
    "learning:quiz": ("secretariat", {"module": "basics"}, EVERYONE),
    # Any coordinator may start a course for a group they coordinate.
    "learning:course_add": (None, {}, STAFF_AND_COORDINATOR),
    "learning:course_edit": ("secretariat", {}, STAFF),
    "learning:module_add": ("secretariat", {}, STAFF),
    "learning:quiz_edit": ("secretariat", {"module": "basics"}, STAFF),
    "learning:edition_edit": ("secretariat", {"lesson": "acronyms", "language": "ar"}, STAFF),
    "learning:lesson_add": ("secretariat", {"module": "basics"}, STAFF),
    "learning:file_add": ("secretariat", {"lesson": "acronyms"}, STAFF),
    "learning:module_edit": ("secretariat", {"module": "basics"}, STAFF),
    # The NCSG's own course: its coordinator authors it too.
    "learning:course_edit ncsg": ("ncsg", {}, STAFF_AND_COORDINATOR),
    "learning:quiz_edit ncsg": ("ncsg", {"module": "basics"}, STAFF_AND_COORDINATOR),
    "learning:edition_edit ncsg": (
        "ncsg",
        {"lesson": "acronyms", "language": "zh-hans"},
        STAFF_AND_COORDINATOR,
    ),
}


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_each_role_gets_what_its_row_says(client, role_users, newcomers, ncsg_course, role):
    if role_users[role] is not None:
        client.force_login(role_users[role])
    courses = {"secretariat": newcomers, "ncsg": ncsg_course}
    wrong = {}
    for key, (owner, kwargs, expected) in PAGES.items():
        if owner is not None:
            kwargs = {"slug": courses[owner].slug, **kwargs}
        status = client.get(reverse(key.split()[0], kwargs=kwargs or None)).status_code
        if status != expected[role]:
            wrong[key] = (status, expected[role])
    assert wrong == {}, f"{role}: page -> (got, expected)"


def test_a_coordinator_may_not_author_another_groups_course(client, role_users, make_group):
    from commonweal.learning.services.importing import courses_import
    from tests.learning.sample import newcomers_spec

    make_group("alac")
    spec = newcomers_spec(owner="alac")
    course = courses_import(courses=[spec])[0]
    client.force_login(role_users["coordinator"])
    url = reverse("learning:course_edit", kwargs={"slug": course.slug})
    assert client.get(url).status_code == 403


def test_a_coordinator_creates_a_course_only_for_a_group_they_coordinate(client, role_users):
    from commonweal.learning.models import Course

    client.force_login(role_users["coordinator"])
    ncsg, board = role_users["groups"]["ncsg"], role_users["groups"]["board"]
    data = {"slug": "primer", "title": "NCSG primer", "source_language": "en"}
    refused = client.post(reverse("learning:course_add"), {**data, "owner_group": board.pk})
    assert refused.status_code == 400 and not Course.objects.exists()
    client.post(reverse("learning:course_add"), {**data, "owner_group": ncsg.pk})
    assert Course.objects.get().owner_group == ncsg


def test_taking_a_quiz_needs_an_account(client, newcomers):
    url = reverse("learning:quiz", kwargs={"slug": newcomers.slug, "module": "basics"})
    response = client.post(url, {})
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_lesson_done_is_kept_only_for_a_signed_in_learner(client, newcomers):
    url = reverse("learning:lesson_done", kwargs={"slug": newcomers.slug, "lesson": "acronyms"})
    assert client.post(url).status_code == 302
    from commonweal.learning.models import Enrolment

    assert not Enrolment.objects.exists()
