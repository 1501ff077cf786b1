"""Who follows what, the news they hear of, and the email that tells them.

``Follow`` is a person's choice about one thing (core/follows.py names the kinds), at
a level; a group's members follow what concerns the group without a row, and a row on
the group or the thing overrides that (a member who mutes their group hears nothing of
it). ``Event`` is one piece of news (a lower app's announcement or an alert someone
flagged); ``Notification`` says that it reached one person and why; ``Message`` is
one email, written once with a unique key and sent at most once.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonweal.core import follows


class Follow(models.Model):
    class Level(models.TextChoices):
        EVERYTHING = "all", _("everything")
        DECISIONS = "decisions", _("decisions only")
        DEADLINES = "deadlines", _("deadlines only")
        MUTE = "mute", _("mute")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=[(k, k) for k in follows.KINDS])
    subject = models.CharField(_("what"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default="all")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["kind", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "subject"], name="follow_once")
        ]
        indexes = [models.Index(fields=["kind", "subject"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.kind}:{self.subject} ({self.level})"


# Which categories of news each level lets through (core/follows.py CATEGORIES). What is
# flagged as important reaches everyone who has not muted the thing.
LEVEL_CATEGORIES = {
    Follow.Level.EVERYTHING: frozenset(follows.CATEGORIES),
    Follow.Level.DECISIONS: frozenset({follows.DECISION, follows.IMPORTANT}),
    Follow.Level.DEADLINES: frozenset({follows.DEADLINE, follows.IMPORTANT}),
    Follow.Level.MUTE: frozenset(),
}


def feed_token() -> str:
    return secrets.token_urlsafe(24)


class Delivery(models.Model):
    """How a person wants to hear: how often, by email or not, their private feeds' key."""

    class Frequency(models.TextChoices):
        REALTIME = "realtime", _("as it happens")
        DAILY = "daily", _("a daily digest")
        WEEKLY = "weekly", _("a weekly digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delivery",
        verbose_name=_("account"),
    )
    frequency = models.CharField(
        _("email"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    # Set by unsubscribing (one click from any email, or on the page): no more email.
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # Days before a deadline that the calendar feed's alarm rings (0: none); email
    # reminders go out REMINDER_DAYS before, for everyone.
    reminder_days = models.PositiveSmallIntegerField(_("reminder, days before"), default=3)
    # The key in the addresses of the person's private feeds (Atom, iCalendar).
    feed_token = models.CharField(max_length=64, unique=True, default=feed_token)

    class Meta:
        verbose_name = _("delivery preference")
        verbose_name_plural = _("delivery preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"


def delivery_for(user) -> Delivery:
    """The person's delivery preference, written with the defaults on first use."""
    delivery, _created = Delivery.objects.get_or_create(user=user)
    return delivery


class Event(models.Model):
    """One piece of news: announced by the app that owns the thing, or flagged by a person."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    subject = models.CharField(_("what"), max_length=200, blank=True)
    event = models.CharField(_("event"), max_length=40)
    category = models.CharField(_("category"), max_length=12)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    happened_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # An alert's sender and reason, and the groups it was sent to.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alerts_sent",
        verbose_name=_("sent by"),
    )
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    reason = models.TextField(_("why it matters"), blank=True)
    groups = models.ManyToManyField(
        "community.StakeholderGroup", blank=True, related_name="+", verbose_name=_("groups")
    )
    # When the people it reaches were worked out (their notifications written).
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["kind", "subject"])]

    def __str__(self) -> str:
        return f"{self.event}: {self.title}"

    @property
    def is_alert(self) -> bool:
        return self.event == "alert"


class Notification(models.Model):
    """One event reaching one person, and why: the follow or the group that brought it."""

    class Why(models.TextChoices):
        FOLLOW = "follow", _("you follow it")
        GROUP_FOLLOW = "group_follow", _("you follow a group it concerns")
        MEMBER = "member", _("you are a member of a group it concerns")
        ALERT_MEMBER = "alert_member", _("it was sent to a group you are a member of")
        ALERT_FOLLOW = "alert_follow", _("it was sent to a group you follow")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("account"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("event")
    )
    why = models.CharField(_("why"), max_length=20, choices=Why.choices)
    # What the reason names: the thing followed or the group, in its own words.
    why_label = models.CharField(_("because of"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    message = models.ForeignKey(
        "Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="notification_once")]
        indexes = [models.Index(fields=["user", "message"])]

    def __str__(self) -> str:
        return f"{self.user_id} ← {self.event_id} ({self.why})"


class Message(models.Model):
    """One email, written whole before sending; ``key`` makes writing it twice impossible,
    ``state`` makes sending it twice impossible (see consultations/sending.py)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        UNCERTAIN = "uncertain", _("interrupted while sending: not sent again")
        FAILED = "failed", _("refused by the mail server")
        DROPPED = "dropped", _("not sent: unsubscribed since")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="alert_messages",
        verbose_name=_("account"),
    )
    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField(_("recipient's address"))
    language = models.CharField(_("language"), max_length=35)
    subject = models.CharField(_("email subject"), max_length=300)
    text = models.TextField(_("plain text"))
    html = models.TextField(_("HTML"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
