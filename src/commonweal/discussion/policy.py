"""Why an action on a comment or an appeal is not possible now, in a sentence.

Each ``why_not_*`` returns "" when the action is possible. The services refuse with
the sentence; the pages offer an action only where it returns "". Who holds which
role is the permission layer's business (``rules.py``); these say what the state of
the comment, the clock or the person's own part in it rules out.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.discussion.models import Appeal, Comment

# How long the author may edit or delete a comment after posting it; after that the
# comment is fixed, so that replies and moderation always refer to what was said.
DEFAULT_EDIT_MINUTES = 15


def edit_window() -> datetime.timedelta:
    return datetime.timedelta(
        minutes=getattr(settings, "COMMENT_EDIT_MINUTES", DEFAULT_EDIT_MINUTES)
    )


def editable_until(comment: Comment) -> datetime.datetime:
    return comment.created_at + edit_window()


def _is_author(comment: Comment, user) -> bool:
    return user is not None and comment.author_id is not None and comment.author_id == user.pk


def why_not_change(comment: Comment, user, now: datetime.datetime | None = None) -> str:
    """Edit or delete: the author, within the window, while nobody has moderated it."""
    if not _is_author(comment, user):
        return _("Only its author may change or delete a comment.")
    if comment.is_deleted:
        return _("This comment was deleted.")
    if comment.moderation_or_none() is not None:
        return _("A moderator hid this comment, so it can no longer be changed.")
    if (now or timezone.now()) >= editable_until(comment):
        minutes = int(edit_window().total_seconds() // 60)
        return ngettext(
            "A comment can be changed for %(minutes)d minute after posting; this one is fixed.",
            "A comment can be changed for %(minutes)d minutes after posting; this one is fixed.",
            minutes,
        ) % {"minutes": minutes}
    return ""


def why_not_reply(parent: Comment) -> str:
    """Threads are one level deep: replies go under a shown top-level comment."""
    if parent.parent_id is not None:
        return _("Replies go under the first comment of a thread, not under a reply.")
    if parent.is_deleted:
        return _("This comment was deleted; it takes no more replies.")
    if parent.is_hidden:
        return _("This comment is hidden; it takes no replies.")
    return ""


def why_not_hide(comment: Comment) -> str:
    if comment.is_deleted:
        return _("Its author deleted this comment; there is nothing to hide.")
    moderation = comment.moderation_or_none()
    if moderation is None:
        return ""
    if moderation.is_reversed:
        return _("The ombudsman restored this comment on appeal; it stays shown.")
    return _("This comment is already hidden.")


def why_not_appeal(comment: Comment, user) -> str:
    """The author, once, against a hiding that stands."""
    if not _is_author(comment, user):
        return _("Only its author may appeal against the hiding of a comment.")
    if comment.moderation_or_none() is None:
        return _("This comment is not hidden; there is nothing to appeal.")
    if comment.appeal_or_none() is not None:
        return _("You have already appealed against this hiding; each hiding is appealed once.")
    return ""


def why_not_decide(appeal: Appeal, user) -> str:
    """Decided once, and by someone with no part in the case."""
    if not appeal.is_pending:
        return _("This appeal has already been decided.")
    if appeal.appellant_id is not None and appeal.appellant_id == user.pk:
        return _("Nobody decides their own appeal.")
    if appeal.moderation.hidden_by_id is not None and appeal.moderation.hidden_by_id == user.pk:
        return _("You hid this comment yourself, so another ombudsman must decide the appeal.")
    return ""
