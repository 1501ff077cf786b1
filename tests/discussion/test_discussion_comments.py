"""Commenting: on an item's own page, replies one level deep, the author's edit and
delete within the window, and where comments are not open yet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.discussion.models import Comment
from commonweal.discussion.services import DiscussionError, comment_post
from tests.discussion.conftest import post_url

pytestmark = pytest.mark.django_db


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _age(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_a_signed_in_person_comments_on_a_priority_list_item_and_it_shows(
    client, author, item, comment_on
):
    comment = comment_on(author, item, text="Fund this in the first year.")
    assert comment.round_item == item and comment.author == author
    client.logout()
    page = _page(client, reverse("discussion:item", kwargs={"pk": item.pk}))
    assert "Fund this in the first year." in page
    assert author.person.display_name in page
    assert "Sign in to comment." in page


def test_a_reply_goes_under_the_comment_and_a_reply_to_a_reply_is_refused(
    client, author, other, item, comment_on
):
    first = comment_on(author, item, text="Fund this first.")
    reply = comment_on(other, item, text="Agreed, it is cheap.", parent=first)
    assert reply.parent == first
    page = _page(client, reverse("discussion:item", kwargs={"pk": item.pk}))
    assert page.index("Fund this first.") < page.index("Agreed, it is cheap.")
    assert f"Reply to <bdi>{author.person.display_name}</bdi>" in page
    assert f"Reply to <bdi>{other.person.display_name}</bdi>" not in page

    response = client.post(post_url(item), {"text": "Deeper still.", "parent": reply.pk})
    assert response.status_code == 400
    assert "not under a reply" in response.content.decode()
    assert not Comment.objects.filter(text="Deeper still.").exists()


def test_a_reply_must_answer_a_comment_in_the_same_discussion(author, item, recommendation):
    elsewhere = comment_post(target=recommendation, author=author, text="On the registry.")
    with pytest.raises(DiscussionError, match="another discussion"):
        comment_post(target=item, author=author, text="Crossed wires.", parent=elsewhere)


def test_an_empty_comment_is_refused_with_a_message_and_nothing_saved(client, author, item):
    client.force_login(author)
    response = client.post(post_url(item), {"text": "   "})
    assert response.status_code == 400
    assert "Your comment was not posted" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_on_a_list_open_only_once_it_is_published(client, author, make_round):
    voting_round = make_round()
    open_item = voting_round.items.first()
    client.force_login(author)
    response = client.post(post_url(open_item), {"text": "Too early."})
    assert response.status_code == 400
    assert "Comments open when the priority list is published." in response.content.decode()
    page = _page(client, reverse("discussion:item", kwargs={"pk": open_item.pk}))
    assert "Comments open when the priority list is published." in page
    assert "Post the comment" not in page
    assert not Comment.objects.exists()


def test_the_author_edits_within_the_window_and_the_comment_says_edited(
    client, author, item, comment_on
):
    comment = comment_on(author, item, text="Fund it in 2028.")
    edit = reverse("discussion:edit", kwargs={"pk": comment.pk})
    form = _page(client, edit)
    assert "Fund it in 2028." in form and "after that it is fixed" in form
    response = client.post(edit, {"text": "Fund it in 2027."})
    assert response.status_code == 302
    page = _page(client, reverse("discussion:item", kwargs={"pk": item.pk}))
    assert "Fund it in 2027." in page and "Fund it in 2028." not in page
    assert ">edited<" in page


def test_after_the_window_the_comment_is_fixed_and_no_longer_offers_changes(
    client, author, item, comment_on
):
    comment = comment_on(author, item, text="Fund it in 2028.")
    _age(comment, 16)
    page = _page(client, reverse("discussion:item", kwargs={"pk": item.pk}))
    assert reverse("discussion:edit", kwargs={"pk": comment.pk}) not in page
    response = client.post(reverse("discussion:edit", kwargs={"pk": comment.pk}), {"text": "New"})
    assert response.status_code == 302
    assert "this one is fixed" in _page(client, response.url)
    assert client.post(reverse("discussion:delete", kwargs={"pk": comment.pk})).status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Fund it in 2028." and comment.deleted_at is None


def test_the_window_is_a_setting(client, settings, author, item, comment_on):
    settings.COMMENT_EDIT_MINUTES = 60
    comment = comment_on(author, item)
    _age(comment, 30)
    assert client.get(reverse("discussion:edit", kwargs={"pk": comment.pk})).status_code == 200


def test_nobody_edits_or_deletes_another_persons_comment(
    client, author, other, role_users, item, comment_on
):
    comment = comment_on(author, item, text="Mine.")
    for intruder in (other, role_users["secretariat"], role_users["administrator"]):
        client.force_login(intruder)
        for name in ("discussion:edit", "discussion:delete"):
            url = reverse(name, kwargs={"pk": comment.pk})
            assert client.post(url, {"text": "Theirs."}).status_code == 403, (intruder, name)
    comment.refresh_from_db()
    assert comment.text == "Mine." and comment.edited_at is None


def test_deleting_asks_first_and_a_comment_without_replies_goes(client, author, item, comment_on):
    comment = comment_on(author, item, text="Never mind.")
    url = reverse("discussion:delete", kwargs={"pk": comment.pk})
    confirm = _page(client, url)
    assert "Delete your comment?" in confirm and "It disappears for everyone." in confirm
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert client.post(url).status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_deleting_a_comment_with_replies_keeps_the_replies_under_a_note(
    client, author, other, item, comment_on
):
    first = comment_on(author, item, text="A hasty thought.")
    comment_on(other, item, text="An answer worth keeping.", parent=first)
    client.force_login(author)
    url = reverse("discussion:delete", kwargs={"pk": first.pk})
    assert "The replies stay" in _page(client, url)
    client.post(url)
    page = _page(client, reverse("discussion:item", kwargs={"pk": item.pk}))
    assert "Deleted by its author." in page
    assert "A hasty thought." not in page and "An answer worth keeping." in page


def test_a_lasting_link_leads_to_the_comment_in_its_thread(client, author, item, comment_on):
    comment = comment_on(author, item)
    response = client.get(reverse("discussion:comment", kwargs={"pk": comment.pk}))
    assert response.url == reverse("discussion:item", kwargs={"pk": item.pk}) + (
        f"#comment-{comment.pk}"
    )
