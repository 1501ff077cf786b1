"""Comments on recommendations and priority lists, their moderation and its appeal.

A comment is on exactly one thing: a recommendation, a whole priority list (a round)
or one item of it; a database constraint holds that. Threads are one level deep: a
reply answers a top-level comment on the same thing (``services.comment_post``
checks both). Hiding is a ``Moderation`` (who, when, why) and never deletes the text;
the author may appeal a hiding once (``Appeal``), and the ombudsman restores the
comment or upholds the hiding, with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MAX_TEXT = 4000
MAX_REASON = 2000


class Comment(models.Model):
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_comments",
        verbose_name=_("recommendation"),
    )
    round = models.ForeignKey(
        "rounds.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_comments",
        verbose_name=_("priority list"),
    )
    round_item = models.ForeignKey(
        "rounds.RoundItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_comments",
        verbose_name=_("priority-list item"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=MAX_TEXT, blank=True)
    # A default rather than auto_now_add, so that comments moved from the old priority
    # list keep the time they were posted.
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)
    # Set when the author deleted a comment that already had replies: the replies stay,
    # the text goes. A comment without replies is deleted outright.
    deleted_at = models.DateTimeField(_("deleted by its author at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(recommendation__isnull=False, round__isnull=True, round_item__isnull=True)
                    | Q(recommendation__isnull=True, round__isnull=False, round_item__isnull=True)
                    | Q(recommendation__isnull=True, round__isnull=True, round_item__isnull=False)
                ),
                name="discussion_comment_on_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True) | Q(text=""),
                name="discussion_deleted_comment_has_no_text",
            ),
        ]
        indexes = [
            models.Index(fields=["recommendation", "created_at"]),
            models.Index(fields=["round", "created_at"]),
            models.Index(fields=["round_item", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.text[:80] or str(_("(deleted)"))

    @property
    def target(self):
        """What the comment is on: a Recommendation, a Round or a RoundItem."""
        return self.recommendation or self.round or self.round_item

    @property
    def author_name(self) -> str:
        """The author's name as the community knows it; "Former participant" once erased."""
        person = self.author.person if self.author_id else None
        return person.shown_name if person is not None else gettext("Former participant")

    def moderation_or_none(self) -> Moderation | None:
        try:
            return self.moderation
        except Moderation.DoesNotExist:
            return None

    def appeal_or_none(self) -> Appeal | None:
        moderation = self.moderation_or_none()
        if moderation is None:
            return None
        try:
            return moderation.appeal
        except Appeal.DoesNotExist:
            return None

    @property
    def is_hidden(self) -> bool:
        moderation = self.moderation_or_none()
        return moderation is not None and not moderation.is_reversed

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def state(self) -> str:
        """One word for lists: shown, edited, deleted, hidden, appealed, upheld or restored."""
        if self.is_deleted:
            return "deleted"
        appeal = self.appeal_or_none()
        if appeal is not None:
            return appeal.outcome or "appealed"
        if self.moderation_or_none() is not None:
            return "hidden"
        return "edited" if self.edited_at else "shown"


class Moderation(models.Model):
    """A moderator hid a comment: who, when and why. At most one per comment.

    ``hidden_at`` and ``reason`` are empty only for comments hidden on the old
    priority-list page, before reasons were recorded (migration 0002).
    """

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="moderation", verbose_name=_("comment")
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_moderations",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    reason = models.TextField(_("why it was hidden"), max_length=MAX_REASON, blank=True)

    class Meta:
        verbose_name = _("hidden comment")
        verbose_name_plural = _("hidden comments")
        ordering = ["-hidden_at", "pk"]

    def __str__(self) -> str:
        return str(self.comment)

    @property
    def is_reversed(self) -> bool:
        """The ombudsman restored the comment on appeal."""
        try:
            return self.appeal.outcome == Appeal.Outcome.RESTORED
        except Appeal.DoesNotExist:
            return False


class Appeal(models.Model):
    """The author asks the ombudsman to restore a hidden comment; one per hiding."""

    class Outcome(models.TextChoices):
        RESTORED = "restored", _("restored")
        UPHELD = "upheld", _("hiding upheld")

    moderation = models.OneToOneField(
        Moderation, on_delete=models.CASCADE, related_name="appeal", verbose_name=_("hiding")
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_appeals",
        verbose_name=_("appealed by"),
    )
    note = models.TextField(_("the author's note"), max_length=MAX_REASON, blank=True)
    filed_at = models.DateTimeField(_("appealed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_appeal_decisions",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True)
    decision_reason = models.TextField(_("why"), max_length=MAX_REASON, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_at", "pk"]
        constraints = [
            # Decided exactly when an outcome is recorded.
            models.CheckConstraint(
                condition=(Q(decided_at__isnull=True) & Q(outcome=""))
                | (Q(decided_at__isnull=False) & ~Q(outcome="")),
                name="discussion_appeal_decided_with_outcome",
            ),
        ]

    def __str__(self) -> str:
        return str(self.moderation.comment)

    @property
    def is_pending(self) -> bool:
        return self.decided_at is None
