"""What discussions add to pages they do not own: the thread on a recommendation's page
and on a published priority list (with a link to each item's thread), and the person's
comments, moderation news and appeals on their "my activity" page."""

from __future__ import annotations

from commonweal.core.panels import (
    ACTIVITY_SECTIONS,
    RECOMMENDATION_SECTIONS,
    ROUND_SECTIONS,
    Panel,
    panel_register,
)
from commonweal.core.roles import is_ombudsman
from commonweal.discussion import selectors
from commonweal.discussion.forms import CommentForm
from commonweal.discussion.targets import target_label, target_url

# The activity page lists this many of a person's latest comments.
ACTIVITY_COMMENTS = 100


def _recommendation_thread(request, recommendation):
    return {"thread": selectors.thread(recommendation, request.user), "comment_form": CommentForm()}


def _round_thread(request, voting_round):
    if voting_round is None or not voting_round.is_counted:
        return None
    return {
        "thread": selectors.thread(voting_round, request.user),
        "comment_form": CommentForm(),
        "items": selectors.item_comment_counts(voting_round),
    }


def _labelled(comments):
    for comment in comments:
        comment.about = target_label(comment.target)
        comment.place = f"{target_url(comment.target)}#comment-{comment.pk}"
    return comments


def _my_discussion(request, user):
    return {
        "news": _labelled(list(selectors.moderation_news(user)[:ACTIVITY_COMMENTS])),
        "comments": _labelled(list(selectors.comments_by(user)[:ACTIVITY_COMMENTS])),
        "appeals": list(selectors.appeals_by(user)),
    }


def _appeals_waiting(request, user):
    if not is_ombudsman(user):
        return None
    return {"waiting": selectors.appeals_waiting().count()}


def panels_register() -> None:
    panel_register(
        slot=RECOMMENDATION_SECTIONS,
        panel=Panel(
            "discussion.thread", "discussion/recommendation_thread.html", _recommendation_thread
        ),
    )
    panel_register(
        slot=ROUND_SECTIONS,
        panel=Panel("discussion.thread", "discussion/round_thread.html", _round_thread),
    )
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel(
            "discussion.appeals_waiting",
            "discussion/activity_appeals.html",
            _appeals_waiting,
            order=5,
        ),
    )
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("discussion.mine", "discussion/activity.html", _my_discussion, order=30),
    )
