"""Comments on a round's published priority list."""

from __future__ import annotations

from django.utils.translation import gettext as _

from commonweal.rounds.models import Comment, Round
from commonweal.rounds.services.errors import RoundError


def comment_add(*, voting_round: Round, author, text: str) -> Comment:
    text = text.strip()
    if not text:
        raise RoundError(_("Write something before posting."))
    if not voting_round.is_counted:
        raise RoundError(_("Comments open when the priority list is published."))
    return Comment.objects.create(round=voting_round, author=author, text=text[:4000])


def comment_hide(*, comment: Comment, hidden: bool = True) -> Comment:
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    return comment
