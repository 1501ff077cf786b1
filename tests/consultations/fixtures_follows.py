"""Fixtures of the follows and alerts tests: the follow control and the activity panel
registered (consultations' ``ready()`` does it once its lines are in), news told and
delivered at once, and a member of the NCSG with an account."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def follows_wired():
    """The control and the panel, registered as consultations' ``ready()`` registers them
    (registering again replaces: nothing is shown twice)."""
    from commonweal.consultations.controls import controls_register
    from commonweal.consultations.panels import panels_register

    controls_register()
    panels_register()


@pytest.fixture
def tell(django_capture_on_commit_callbacks):
    """Record news as the receiver does and deliver it now (the fan-out waits for the
    commit, which a test's transaction never reaches). Returns the Event."""
    from commonweal.consultations.services.events import event_record

    def record(news, **alert):
        with django_capture_on_commit_callbacks(execute=True):
            return event_record(news=news, **alert)

    return record


@pytest.fixture
def news():
    """A News about ``(kind, subject)``: ``news("proceeding", "7", category=DEADLINE)``."""
    import itertools

    from commonweal.core.follows import UPDATE, News

    numbers = itertools.count(1)

    def make(kind: str, subject: str, *, category: str = UPDATE, groups=(), event=""):
        number = next(numbers)
        return News(
            key=f"test:{kind}:{subject}:{number}",
            kind=kind,
            subject=subject,
            event=event or "proceeding.opened",
            category=category,
            title=f"News {number} about {kind} {subject}",
            url=f"/somewhere/{number}/",
            groups=tuple(groups),
        )

    return make


@pytest.fixture
def ncsg_member(role_users, make_user):
    """A participant with an account who is a current member of the NCSG."""
    from commonweal.community.models import Membership

    member = make_user("member@example.org")
    Membership.objects.create(
        person=member.person, group=role_users["groups"]["ncsg"], role=Membership.Role.MEMBER
    )
    return member


def received(user) -> list[str]:
    """The titles of the news that reached ``user``, oldest first."""
    from commonweal.consultations.models import Notification

    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("event__title", flat=True)
    )
