"""The comments on whole priority lists move into discussions with author, text, time and
hidden state (migration 0002), run on the models as they stood at that migration."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from commonweal.discussion.models import Comment
from commonweal.rounds.models import Comment as OldComment

pytestmark = pytest.mark.django_db

MIGRATION = "commonweal.discussion.migrations.0002_priority_list_comments_moved"


def _historical_apps():
    state = MigrationExecutor(connection).loader.project_state(
        ("discussion", "0002_priority_list_comments_moved")
    )
    return state.apps


def test_the_old_list_comments_are_carried_with_author_text_time_and_hidden_state(
    client, author, other, counted_round
):
    posted = timezone.now() - datetime.timedelta(days=30)
    OldComment.objects.create(round=counted_round, author=author, text="Shown, long ago.")
    OldComment.objects.create(round=counted_round, author=other, text="Rude.", hidden=True)
    OldComment.objects.create(round=counted_round, author=None, text="From someone erased.")
    OldComment.objects.filter(text="Shown, long ago.").update(created_at=posted)

    importlib.import_module(MIGRATION).priority_list_comments_move(_historical_apps(), None)

    moved = {comment.text: comment for comment in Comment.objects.all()}
    assert set(moved) == {"Shown, long ago.", "Rude.", "From someone erased."}
    shown = moved["Shown, long ago."]
    assert (shown.round, shown.author, shown.created_at) == (counted_round, author, posted)
    assert not shown.is_hidden and moved["Rude."].is_hidden
    assert moved["Rude."].moderation.reason == "" and moved["Rude."].author == other
    assert moved["From someone erased."].author is None

    page = client.get(reverse("discussion:comment", kwargs={"pk": moved["Rude."].pk}))
    assert page.url.endswith(f"/rounds/{counted_round.pk}/priorities/#comment-{moved['Rude.'].pk}")


def test_going_back_removes_only_the_copies(author, counted_round):
    from commonweal.discussion.services import comment_post

    OldComment.objects.create(round=counted_round, author=author, text="Old.")
    migration = importlib.import_module(MIGRATION)
    migration.priority_list_comments_move(_historical_apps(), None)
    comment_post(target=counted_round, author=author, text="New, posted here.")
    migration.priority_list_comments_unmove(_historical_apps(), None)
    assert list(Comment.objects.values_list("text", flat=True)) == ["New, posted here."]
    assert OldComment.objects.count() == 1
