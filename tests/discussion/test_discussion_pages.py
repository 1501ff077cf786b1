"""The threads on the pages other apps own: a recommendation in the registry and a
published priority list, where the pages name a panel slot."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from commonweal.discussion.models import Comment
from tests.discussion.conftest import post_url

pytestmark = pytest.mark.django_db


def test_a_recommendation_page_shows_its_thread_and_a_form_to_the_signed_in(
    client, author, recommendation, comment_on
):
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "No comments yet." in page and "Sign in to comment." in page
    comment_on(author, recommendation, text="Publish it in both languages.")
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Publish it in both languages." in page and "Post the comment" in page


def test_posting_on_a_priority_list_returns_to_the_list_at_the_comment(
    client, author, counted_round
):
    client.force_login(author)
    response = client.post(post_url(counted_round), {"text": "A fair list."})
    comment = Comment.objects.get()
    assert comment.round == counted_round
    priorities = reverse("rounds:priorities", kwargs={"pk": counted_round.pk})
    assert response.url == f"{priorities}#comment-{comment.pk}"
    page = client.get(priorities).content.decode()
    assert "Comments on the whole list" in page and "A fair list." in page


def test_a_priority_list_links_each_item_to_its_thread_with_a_count(
    client, author, item, comment_on
):
    comment_on(author, item)
    page = client.get(reverse("rounds:priorities", kwargs={"pk": item.round_id})).content.decode()
    assert "Comments on each item" in page
    assert reverse("discussion:item", kwargs={"pk": item.pk}) in page
    assert "1 comment<" in page


def test_a_list_not_yet_published_shows_no_discussion(client, make_round):
    voting_round = make_round()
    page = client.get(reverse("rounds:priorities", kwargs={"pk": voting_round.pk}))
    assert "Comments on the whole list" not in page.content.decode()


def test_hidden_text_is_not_on_the_recommendation_page_for_anyone_but_its_author(
    client, role_users, author, other, hidden
):
    url = hidden.recommendation.get_absolute_url()
    for viewer in (None, other, role_users["secretariat"], role_users["ombudsman"]):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = client.get(url).content.decode()
        assert "The chair is a crook." not in page
        assert "Comment hidden by a moderator on" in page and "A personal attack." in page
    client.force_login(author)
    assert "The chair is a crook." in client.get(url).content.decode()


def test_the_panels_tag_renders_a_slot_in_place(author, recommendation, comment_on):
    comment_on(author, recommendation, text="Rendered by the tag.")
    request = RequestFactory().get("/")
    request.user = author
    template = Template('{% load panels %}{% panels "recommendation.sections" subject %}')
    html = template.render(Context({"request": request, "subject": recommendation}))
    assert "Rendered by the tag." in html and "&lt;" not in html
