"""Hiding a comment: a confirmation that names the effect and asks why, a visible trace,
the author told by email and on their activity page, and who may hide."""

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.discussion.models import Moderation
from commonweal.discussion.services import DiscussionError, comment_hide

pytestmark = pytest.mark.django_db

TEXT = "The chair is a crook."


@pytest.fixture
def comment(author, item, comment_on):
    return comment_on(author, item, text=TEXT)


def _thread(client, item) -> str:
    return client.get(reverse("discussion:item", kwargs={"pk": item.pk})).content.decode()


def test_hiding_asks_first_naming_the_effect_and_needs_a_reason(client, role_users, comment, item):
    client.force_login(role_users["secretariat"])
    assert "Hide the comment by" in _thread(client, item)
    url = reverse("discussion:hide", kwargs={"pk": comment.pk})
    confirm = client.get(url).content.decode()
    assert "Hide this comment?" in confirm and TEXT in confirm
    assert "Comment hidden by a moderator on" in confirm
    assert "may appeal once to the ombudsman" in confirm
    assert not Moderation.objects.exists()

    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Moderation.objects.exists()


def test_a_hidden_comment_leaves_a_trace_for_everyone_and_its_text_for_its_author_only(
    client, role_users, author, other, comment, item, django_capture_on_commit_callbacks
):
    moderator = role_users["secretariat"]
    client.force_login(moderator)
    url = reverse("discussion:hide", kwargs={"pk": comment.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "A personal attack."})
    assert response.status_code == 302
    moderation = Moderation.objects.get()
    assert (moderation.hidden_by, moderation.reason) == (moderator, "A personal attack.")
    assert moderation.hidden_at is not None

    for viewer in (None, other, moderator, role_users["ombudsman"]):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = _thread(client, item)
        assert "Comment hidden by a moderator on" in page and "A personal attack." in page
        assert TEXT not in page, viewer
    client.force_login(author)
    page = _thread(client, item)
    assert TEXT in page and "Only you see your text now" in page
    assert "Appeal to the ombudsman" in page


def test_the_author_is_told_by_email_and_on_their_activity_page(
    client, role_users, author, comment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_hide(
            comment=comment,
            by=role_users["secretariat"],
            reason="A personal attack.",
            site_url="http://testserver",
        )
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [author.email]
    assert email.subject == "A moderator hid your comment"
    assert "A personal attack." in email.body
    assert f"http://testserver/discussion/comments/{comment.pk}/appeal/" in email.body
    client.force_login(author)
    activity = client.get(reverse("accounts:activity")).content.decode()
    assert "A moderator hid your comment on" in activity
    assert "A personal attack." in activity
    assert reverse("discussion:appeal", kwargs={"pk": comment.pk}) in activity


def test_nobody_but_a_moderator_may_hide(client, role_users, author, other, comment, item):
    url = reverse("discussion:hide", kwargs={"pk": comment.pk})
    for role in ("participant", "coordinator", "board", "ombudsman"):
        client.force_login(role_users[role])
        assert client.post(url, {"reason": "No."}).status_code == 403, role
        assert "Hide the comment by" not in _thread(client, item)
    client.force_login(other)
    assert client.post(url, {"reason": "No."}).status_code == 403
    client.logout()
    assert client.post(url, {"reason": "No."}).status_code == 302
    assert not Moderation.objects.exists()


def test_a_comment_is_hidden_once_and_the_second_moderator_is_told_why_not(
    client, role_users, comment
):
    comment_hide(comment=comment, by=role_users["secretariat"], reason="Abuse.", site_url="")
    with pytest.raises(DiscussionError, match="already hidden"):
        comment_hide(comment=comment, by=role_users["administrator"], reason="Too.", site_url="")
    client.force_login(role_users["administrator"])
    response = client.post(reverse("discussion:hide", kwargs={"pk": comment.pk}), {"reason": "x"})
    assert response.status_code == 302
    assert "This comment is already hidden." in client.get(response.url).content.decode()
    assert Moderation.objects.count() == 1


def test_a_hidden_comment_takes_no_reply_and_its_author_can_no_longer_change_it(
    client, role_users, author, other, comment, item
):
    comment_hide(comment=comment, by=role_users["secretariat"], reason="Abuse.", site_url="")
    client.force_login(other)
    assert "Reply to" not in _thread(client, item)
    from tests.discussion.conftest import post_url

    response = client.post(post_url(item), {"text": "Me too.", "parent": comment.pk})
    assert response.status_code == 400
    client.force_login(author)
    response = client.post(reverse("discussion:edit", kwargs={"pk": comment.pk}), {"text": "x"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == TEXT


def test_hiding_without_the_pages_csrf_token_is_refused(role_users, comment):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users["secretariat"])
    response = client.post(reverse("discussion:hide", kwargs={"pk": comment.pk}), {"reason": "x"})
    assert response.status_code == 403
    assert not Moderation.objects.exists()
