"""People and things to comment on, for the discussion tests."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.fixture
def counted_round(make_round):
    """A round whose priority list is published, so its list and items take comments."""
    from commonweal.rounds.services import round_close

    return round_close(voting_round=make_round(title="Budget 2027"))


@pytest.fixture
def item(counted_round):
    return counted_round.items.select_related("recommendation").order_by("pk").first()


@pytest.fixture
def recommendation(make_recommendation):
    return make_recommendation("WS2-7", title="Publish the budget early")


@pytest.fixture
def author(role_users):
    return role_users["participant"]


@pytest.fixture
def other(make_user, make_person):
    return make_user("other@example.org", person=make_person("Otto Other"))


def post_url(target) -> str:
    from commonweal.discussion.targets import target_kind

    return reverse("discussion:post", kwargs={"kind": target_kind(target), "pk": target.pk})


@pytest.fixture
def comment_on(client):
    """Post a comment as ``user`` through the page's form; returns the new comment."""
    from commonweal.discussion.models import Comment

    def post(user, target, text="Please publish the figures.", parent=None):
        client.force_login(user)
        data = {"text": text, **({"parent": parent.pk} if parent else {})}
        response = client.post(post_url(target), data)
        assert response.status_code == 302, response.content.decode()
        return Comment.objects.latest("pk")

    return post


@pytest.fixture
def hidden(author, role_users, recommendation):
    """The author's comment on the recommendation, hidden by the secretariat."""
    from commonweal.discussion.services import comment_hide, comment_post

    comment = comment_post(target=recommendation, author=author, text="The chair is a crook.")
    comment_hide(
        comment=comment,
        by=role_users["secretariat"],
        reason="A personal attack.",
        site_url="http://testserver",
    )
    return comment


@pytest.fixture
def appealed(hidden, author):
    from commonweal.discussion.services import appeal_file

    return appeal_file(
        comment=hidden, by=author, note="It was about the decisions of the chair.", site_url=""
    )
