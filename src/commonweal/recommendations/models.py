"""The registry of recommendations: where each came from, what it costs, where it stands.

A recommendation moves through a fixed lifecycle (``Recommendation.Status``);
every move goes through ``services.recommendation_move`` and leaves a
``LifecycleEvent``, and the timestamp of each stage is kept on the row, so that
time to decision and time to implementation are derived, never typed in.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0")


def cost_over_plan(
    one_time: Decimal, recurring: Decimal, implementation_years: int, years: int
) -> Decimal:
    """What an item costs over a plan of ``years`` fiscal years, started in the first.

    The one-time cost is spread over the implementation period; the recurring cost
    runs from the year implementation completes (the planner's model).
    """
    return one_time + recurring * max(years - implementation_years + 1, 0)


class Objective(models.Model):
    """One strategic objective of the community's taxonomy (configurable in the admin)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The name in other languages, by language code ("zh-hans": "…").
    names = models.JSONField(_("name in other languages"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        language = (language or get_language() or "en").lower()
        return self.names.get(language) or self.name


class Source(models.Model):
    """The body and the document a recommendation comes from."""

    class Kind(models.TextChoices):
        WORK_STREAM = "work-stream", _("accountability work stream")
        REVIEW = "review", _("review team")
        POLICY = "policy", _("policy development process")
        ADVICE = "advice", _("advisory committee advice")
        MEETING = "meeting", _("meeting")
        BUDGET_REQUEST = "budget-request", _("budget request")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    body = models.CharField(_("body"), max_length=200)
    document = models.CharField(_("document"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendation_sources",
        verbose_name=_("stakeholder group"),
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["kind", "body", "document"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "body", "document"], name="source_once"),
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.document}"


# A reference is a project's id in ballot files and is listed in cells separated by
# commas or semicolons, so it holds none of those and no space. The form that adds a
# recommendation and the importer both check it with this one pattern.
REFERENCE_PATTERN = r"^[^\s,;]+$"


class RecommendationQuerySet(models.QuerySet):
    def decided(self):
        return self.exclude(decided_at=None)


class Recommendation(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ASSESSED = "assessed", _("assessed")
        PRIORITIZATION = "prioritization", _("in prioritization")
        DECIDED = "decided", _("decided")
        IMPLEMENTATION = "implementation", _("in implementation")
        IMPLEMENTED = "implemented", _("implemented")

    class Decision(models.TextChoices):
        APPROVED = "approved", _("approved")
        DEFERRED = "deferred", _("deferred")
        REJECTED = "rejected", _("rejected")

    reference = models.CharField(
        _("reference"),
        max_length=40,
        unique=True,
        help_text=_("A short identifier, such as WS2-1.1; also the project id in ballots."),
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("source"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=35, default="en")
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="recommendations", verbose_name=_("objectives")
    )
    one_time_cost = models.DecimalField(
        _("one-time cost"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    recurring_cost = models.DecimalField(
        _("recurring annual cost"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    implementation_years = models.PositiveSmallIntegerField(
        _("implementation period in years"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    dependencies = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="dependents",
        verbose_name=_("depends on"),
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Example data, not a real recommendation or a real cost."),
    )

    # From a meeting: the turn that proposed it. Re-ingesting a corrected transcript
    # replaces the meeting's turns, so the link is kept as meeting + turn number and
    # the quoted sentence, not as a foreign key to the turn row.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("meeting"),
    )
    turn_index = models.PositiveIntegerField(_("turn"), null=True, blank=True)
    quote = models.TextField(_("quoted sentence"), blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    candidate = models.OneToOneField(
        "meetings.Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendation",
        verbose_name=_("candidate"),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received"))
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    prioritization_at = models.DateTimeField(_("entered prioritization"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    implementation_at = models.DateTimeField(_("implementation started"), null=True, blank=True)
    implemented_at = models.DateTimeField(_("implemented"), null=True, blank=True)

    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    # The structured public-interest statement published with the decision.
    serves = models.TextField(_("whom it serves"), blank=True)
    consultation = models.TextField(_("how the community was consulted"), blank=True)
    alternatives = models.TextField(_("alternatives weighed"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations_added",
        verbose_name=_("added by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(one_time_cost__gte=0) | Q(one_time_cost=None),
                name="recommendation_one_time_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(recurring_cost__gte=0) | Q(recurring_cost=None),
                name="recommendation_recurring_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(implementation_years__gte=1), name="recommendation_period_positive"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="recommendation_progress"),
            # A decided recommendation (and everything after) carries its decision.
            models.CheckConstraint(
                condition=Q(status__in=["received", "assessed", "prioritization"])
                | (~Q(decision="") & Q(decided_at__isnull=False)),
                name="recommendation_decision_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", kwargs={"pk": self.pk})

    @property
    def costed(self) -> bool:
        return self.one_time_cost is not None and self.recurring_cost is not None

    def cost_over(self, years: int) -> Decimal:
        """What the recommendation costs over ``years`` fiscal years (``cost_over_plan``)."""
        return cost_over_plan(
            self.one_time_cost or ZERO,
            self.recurring_cost or ZERO,
            self.implementation_years,
            years,
        )

    @property
    def time_to_decision(self) -> datetime.timedelta | None:
        if self.decided_at is None:
            return None
        return self.decided_at - self.received_at

    @property
    def time_to_implementation(self) -> datetime.timedelta | None:
        if self.implemented_at is None or self.decided_at is None:
            return None
        return self.implemented_at - self.decided_at

    def turn_url(self) -> str:
        if self.meeting_id is None or self.turn_index is None:
            return ""
        return reverse("meetings:turn", kwargs={"pk": self.meeting_id, "index": self.turn_index})

    @property
    def shown_title(self) -> str:
        """The title in the reader's language where a translation exists."""
        translated = self.translation()
        return translated.title if translated else self.title

    def translation(self, language: str | None = None) -> RecommendationTranslation | None:
        language = (language or get_language() or "en").lower()
        if language == self.language.lower():
            return None
        for translated in self.translations.all():
            if translated.language.lower() == language:
                return translated
        return None


# The field that keeps the moment each status was reached, in lifecycle order.
STAGE_TIMESTAMPS: dict[str, str] = {
    Recommendation.Status.RECEIVED: "received_at",
    Recommendation.Status.ASSESSED: "assessed_at",
    Recommendation.Status.PRIORITIZATION: "prioritization_at",
    Recommendation.Status.DECIDED: "decided_at",
    Recommendation.Status.IMPLEMENTATION: "implementation_at",
    Recommendation.Status.IMPLEMENTED: "implemented_at",
}
# What a decision records: the decision and the public-interest statement published
# with it.
DECISION_FIELDS = ("decision", "rationale", "serves", "consultation", "alternatives")


class RecommendationTranslation(models.Model):
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("recommendation"),
    )
    language = models.CharField(_("language"), max_length=35)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["recommendation", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "language"], name="recommendation_translation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation.reference} ({self.language})"


class LifecycleEvent(models.Model):
    """One step of a recommendation's lifecycle, as it happened."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("status"), max_length=20, choices=Recommendation.Status.choices)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Recommendation.Decision.choices, blank=True
    )
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lifecycle_events",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("lifecycle event")
        verbose_name_plural = _("lifecycle events")
        ordering = ["recommendation", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation.reference}: {self.status} at {self.at:%Y-%m-%d}"


class Milestone(models.Model):
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("recommendation"),
    )
    title = models.CharField(_("title"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["recommendation", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
