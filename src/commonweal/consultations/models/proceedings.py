"""Public comment proceedings: a period when the community is asked for its comments.

A proceeding is a draft until staff publish it; from then on everything in it is public:
its documents, the groups it concerns, every change to its closing date and why, the
submissions once made (a group's once the group endorsed it) and the staff report that
closes it, which answers each submission in its own paragraph.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Documents a proceeding may carry as uploads (links may point anywhere).
DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt", "txt", "md", "html", "xlsx", "csv")


class Proceeding(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        UPCOMING = "upcoming", _("upcoming")
        OPEN = "open", _("open for comment")
        CLOSED = "closed", _("closed, report pending")
        REPORTED = "reported", _("staff report published")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what is asked"), blank=True)
    language = models.CharField(_("language"), max_length=35, default="en")
    groups = models.ManyToManyField(
        "community.StakeholderGroup",
        related_name="proceedings",
        blank=True,
        verbose_name=_("groups concerned"),
    )
    # Comments are taken from the start of opens_on to the end of closes_on, in UTC.
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # The closing date first published, before any extension.
    first_closes_on = models.DateField(_("first closing date"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    report = models.TextField(_("staff summary report"), blank=True)
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proceedings_created",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("public comment proceeding")
        verbose_name_plural = _("public comment proceedings")
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="proceeding_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:proceeding", kwargs={"pk": self.pk})

    @property
    def closes_at(self) -> datetime.datetime:
        """The last second of the closing day, UTC: the deadline that calendars, feeds
        and emails show ("13 December, 23:59")."""
        return datetime.datetime.combine(
            self.closes_on, datetime.time(23, 59, 59), tzinfo=datetime.UTC
        )

    @property
    def opens_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.opens_on, datetime.time(), tzinfo=datetime.UTC)

    def status(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.published_at is None:
            return self.Status.DRAFT
        if self.report_published_at is not None:
            return self.Status.REPORTED
        if now < self.opens_at:
            return self.Status.UPCOMING
        if now <= self.closes_at:
            return self.Status.OPEN
        return self.Status.CLOSED

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return self.status(now) == self.Status.OPEN

    @property
    def days_open(self) -> int:
        """Days from opening to close, both days counted."""
        return (self.closes_on - self.opens_on).days + 1


class Document(models.Model):
    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.CASCADE, related_name="documents", verbose_name=_("proceeding")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to="consultations/%Y/",
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=35, default="en")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="document_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Extension(models.Model):
    """A change of a published proceeding's closing date, with the reason given."""

    proceeding = models.ForeignKey(
        Proceeding,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("proceeding"),
    )
    previous_closes_on = models.DateField(_("closed on"))
    closes_on = models.DateField(_("now closes on"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.previous_closes_on} → {self.closes_on}"


class Submission(models.Model):
    """A comment submitted to a proceeding, by a person or on behalf of a group.

    A person's submission is public when submitted. One on behalf of a group waits for
    the group's endorsement (by one of its coordinators) and is public once endorsed; a
    declined one goes back to its author as a draft, with the coordinator's note.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        AWAITING = "awaiting", _("awaiting the group's endorsement")
        PUBLISHED = "published", _("published")

    proceeding = models.ForeignKey(
        Proceeding,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("proceeding"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("author"),
    )
    # The author's name as published (kept when the account is erased: blanked then).
    author_name = models.CharField(_("author's name"), max_length=200, blank=True)
    on_behalf_of = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("on behalf of"),
    )
    text = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=35, default="en")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("endorsed by"),
    )
    endorsed_at = models.DateTimeField(_("endorsed"), null=True, blank=True)
    endorsement_note = models.TextField(_("coordinator's note"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # What the staff report says about this submission.
    response = models.TextField(_("what the report says about it"), blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["proceeding", "state"])]

    def __str__(self) -> str:
        return f"{self.proceeding} — {self.author_name or self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:proceeding", kwargs={"pk": self.proceeding_id}) + (
            f"#submission-{self.pk}"
        )
