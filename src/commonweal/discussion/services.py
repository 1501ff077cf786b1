"""Every write in discussions: post, edit, delete, hide, appeal, decide.

Each service is keyword-only and runs in one transaction; it takes the comment's row
lock before looking at its state, so two moderators hiding at once, or an appeal
decided twice, end with one record and a readable refusal. Emails go out after the
commit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.discussion import notices, policy
from commonweal.discussion.models import MAX_REASON, MAX_TEXT, Appeal, Comment, Moderation
from commonweal.discussion.targets import Target, comments_closed_because, target_field


class DiscussionError(Exception):
    """A refusal, in words for the person who asked."""


def _refuse_if(reason: str) -> None:
    if reason:
        raise DiscussionError(reason)


def _cleaned(text: str, *, limit: int, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DiscussionError(missing)
    if len(text) > limit:
        raise DiscussionError(
            _("Keep it to %(limit)d characters (this has %(length)d).")
            % {"limit": limit, "length": len(text)}
        )
    return text


def _locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().get(pk=comment.pk)


@transaction.atomic
def comment_post(*, target: Target, author, text: str, parent: Comment | None = None) -> Comment:
    """A new comment on ``target``, or a reply to ``parent`` (a top-level comment on it)."""
    text = _cleaned(text, limit=MAX_TEXT, missing=_("Write something before posting."))
    _refuse_if(comments_closed_because(target))
    field = target_field(target)
    if parent is not None:
        parent = _locked(parent)
        if getattr(parent, f"{field}_id") != target.pk:
            raise DiscussionError(_("That comment belongs to another discussion."))
        _refuse_if(policy.why_not_reply(parent))
    return Comment.objects.create(**{field: target}, parent=parent, author=author, text=text)


@transaction.atomic
def comment_edit(*, comment: Comment, by, text: str) -> Comment:
    """The author's new wording, within the edit window; the comment then says "edited"."""
    comment = _locked(comment)
    _refuse_if(policy.why_not_change(comment, by))
    text = _cleaned(text, limit=MAX_TEXT, missing=_("Write something, or delete the comment."))
    if text != comment.text:
        comment.text = text
        comment.edited_at = timezone.now()
        comment.save(update_fields=["text", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by) -> bool:
    """Delete the author's comment within the edit window.

    A comment with replies keeps its place (the replies answer it) without its text;
    one without goes entirely. Returns whether the comment's place was kept.
    """
    comment = _locked(comment)
    _refuse_if(policy.why_not_change(comment, by))
    if comment.replies.exists():
        comment.text = ""
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["text", "deleted_at"])
        return True
    comment.delete()
    return False


@transaction.atomic
def comment_hide(*, comment: Comment, by, reason: str, site_url: str) -> Moderation:
    """A moderator hides a comment, saying why; the author is told and may appeal."""
    comment = _locked(comment)
    _refuse_if(policy.why_not_hide(comment))
    reason = _cleaned(
        reason, limit=MAX_REASON, missing=_("Say why the comment is hidden; everyone sees it.")
    )
    try:
        with transaction.atomic():
            moderation = Moderation.objects.create(
                comment=comment, hidden_by=by, hidden_at=timezone.now(), reason=reason
            )
    except IntegrityError:
        raise DiscussionError(_("This comment is already hidden.")) from None
    transaction.on_commit(
        lambda: notices.hidden_email(moderation=moderation, site_url=site_url), robust=True
    )
    return moderation


@transaction.atomic
def appeal_file(*, comment: Comment, by, note: str, site_url: str) -> Appeal:
    """The author asks the ombudsman, once, to restore their hidden comment."""
    comment = _locked(comment)
    _refuse_if(policy.why_not_appeal(comment, by))
    note = _cleaned(
        note, limit=MAX_REASON, missing=_("Tell the ombudsman why the comment should be shown.")
    )
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                moderation=comment.moderation, appellant=by, note=note, filed_at=timezone.now()
            )
    except IntegrityError:
        raise DiscussionError(_("You have already appealed against this hiding.")) from None
    transaction.on_commit(
        lambda: notices.appeal_arrived_email(appeal=appeal, site_url=site_url), robust=True
    )
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, by, restore: bool, reason: str, site_url: str) -> Appeal:
    """The ombudsman restores the comment or upholds the hiding, saying why."""
    appeal = Appeal.objects.select_for_update().select_related("moderation").get(pk=appeal.pk)
    _refuse_if(policy.why_not_decide(appeal, by))
    reason = _cleaned(
        reason,
        limit=MAX_REASON,
        missing=_("Give the reason for your decision; the author reads it."),
    )
    appeal.outcome = Appeal.Outcome.RESTORED if restore else Appeal.Outcome.UPHELD
    appeal.decision_reason = reason
    appeal.decided_by = by
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["outcome", "decision_reason", "decided_by", "decided_at"])
    transaction.on_commit(
        lambda: notices.decided_email(appeal=appeal, site_url=site_url), robust=True
    )
    return appeal
