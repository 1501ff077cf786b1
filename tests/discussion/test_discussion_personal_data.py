"""Export and erasure of what discussions hold about a person."""

import json

import pytest
from django.urls import reverse

from commonweal.accounts.services import account_erase
from commonweal.discussion.models import Appeal, Comment, Moderation
from commonweal.discussion.services import appeal_decide

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_persons_comments_appeals_and_decisions(
    client, role_users, author, hidden, appealed
):
    appeal_decide(
        appeal=appealed, by=role_users["ombudsman"], restore=False, reason="An attack.", site_url=""
    )
    client.force_login(author)
    records = json.loads(client.get(reverse("accounts:me_export")).content)["records"]
    [comment] = records["discussion.comment.author"]
    assert comment["text"] == "The chair is a crook." and comment["state"] == "upheld"
    [appeal] = records["discussion.appeal.appellant"]
    assert (
        appeal["note"] == "It was about the decisions of the chair."
        and appeal["outcome"] == "upheld"
    )
    client.force_login(role_users["secretariat"])
    records = json.loads(client.get(reverse("accounts:me_export")).content)["records"]
    assert records["discussion.moderation.hidden_by"][0]["reason"] == "A personal attack."


def test_erasure_keeps_the_comment_without_its_author_and_drops_the_appeal_note(
    role_users, author, hidden, appealed
):
    account_erase(user=author)
    comment = Comment.objects.get()
    assert comment.author is None and comment.text == "The chair is a crook."
    assert comment.author_name == "Former participant"
    appeal = Appeal.objects.get()
    assert appeal.appellant is None and appeal.note == ""
    account_erase(user=role_users["secretariat"])
    moderation = Moderation.objects.get()
    assert moderation.hidden_by is None and moderation.reason == "A personal attack."
