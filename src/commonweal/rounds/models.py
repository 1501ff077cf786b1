"""Prioritization rounds: which recommendations, who votes, how, and the published result.

Who voted (``Participation``, with the account) is kept apart from what was
voted (``Ballot``, with no account, a random primary key and no time stamp):
the ballot row is found again only through a keyed hash of the round and the
account (``services.voter_key``), which needs the server's secret key. No page
shows anyone's choices to anyone else; the voter sees their own.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Round(models.Model):
    class BallotKind(models.TextChoices):
        APPROVAL = "approval", _("approval: tick the ones you support")
        POINTS = "points", _("points: share out a number of points")
        RANKING = "ranking", _("ranking: put them in order")

    class Rule(models.TextChoices):
        MES = "mes", _("method of equal shares")
        MES_ADD1 = "mes-add1", _("method of equal shares, completed by raising budgets")
        GREEDY = "greedy", _("greedy: most support first")
        PHRAGMEN = "phragmen", _("sequential Phragmén")
        MAX_WELFARE = "max-welfare", _("largest total support")

    # The Pabulib vote type each ballot kind is written as. A ranking is counted as Borda
    # scores (with n recommendations on the ballot, the first gets n points, the next n - 1
    # ...), so that the order counts under every rule that reads points.
    VOTE_TYPES = {"approval": "approval", "points": "cumulative", "ranking": "scoring"}

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation",
        through="RoundItem",
        related_name="rounds",
        verbose_name=_("recommendations"),
    )
    voter_groups = models.ManyToManyField(
        "community.StakeholderGroup",
        related_name="rounds",
        verbose_name=_("stakeholder groups that vote"),
    )
    ballot_kind = models.CharField(
        _("ballot"), max_length=20, choices=BallotKind.choices, default=BallotKind.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most recommendations on one ballot"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    points = models.PositiveIntegerField(
        _("points each voter shares out"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices, default=Rule.MES)
    group_weighted = models.BooleanField(
        _("equal weight per stakeholder group"),
        default=True,
        help_text=_(
            "Each voting group's ballots together weigh the same, however many people voted in it."
        ),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2200)]
    )
    years = models.PositiveSmallIntegerField(
        _("years planned"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    annual_cap = models.DecimalField(_("budget per year"), max_digits=14, decimal_places=2)
    annual_reserve = models.DecimalField(
        _("reserve per year"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Kept back each year for what nobody can foresee."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rounds_created",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set by services.round_close: the engine's result, as published.
    closed_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counted by"),
    )
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    # The anonymised ballots as the Pabulib file they were counted from, kept as
    # published so that its digest in the result always matches the download.
    ballots_file = models.TextField(_("ballots file"), blank=True, editable=False)
    # Why the secretariat closed voting, given when it confirmed; shown on the round's page.
    close_note = models.TextField(_("why voting was closed"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("prioritization round")
        verbose_name_plural = _("prioritization rounds")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(annual_cap__gt=0), name="round_cap_positive"),
            models.CheckConstraint(
                condition=Q(annual_reserve__gte=0) & Q(annual_reserve__lt=models.F("annual_cap")),
                name="round_reserve_below_cap",
            ),
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=10), name="round_years_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(ballot_kind="points") | Q(points__gte=1),
                name="round_points_ballot_has_points",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rounds:detail", kwargs={"pk": self.pk})

    @property
    def budget(self) -> Decimal:
        """What the rule may spend: every planned year's budget less its reserve."""
        return (self.annual_cap - self.annual_reserve) * self.years

    @property
    def year_names(self) -> list[str]:
        return [str(self.first_year + k) for k in range(self.years)]

    def has_opened(self, now=None) -> bool:
        return (now or timezone.now()) >= self.opens_at

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at and self.closed_at is None

    @property
    def is_counted(self) -> bool:
        return self.result is not None

    @property
    def phase(self) -> str:
        if self.is_counted:
            return "counted"
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now < self.closes_at:
            return "open"
        return "closed"


class RoundItem(models.Model):
    """A recommendation on a round's ballot, with its cost as it stood when the round was set.

    The costs are copied so that the count, and any recount from the exported
    file, does not move when the registry is edited later.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="items")
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.PROTECT,
        related_name="round_items",
        verbose_name=_("recommendation"),
    )
    one_time_cost = models.DecimalField(_("one-time cost"), max_digits=14, decimal_places=2)
    recurring_cost = models.DecimalField(
        _("recurring annual cost"), max_digits=14, decimal_places=2
    )
    implementation_years = models.PositiveSmallIntegerField(_("implementation period in years"))
    cost = models.DecimalField(
        _("cost over the plan"),
        max_digits=16,
        decimal_places=2,
        help_text=_("One-time cost and recurring costs over the years planned."),
    )

    class Meta:
        verbose_name = _("recommendation on the ballot")
        verbose_name_plural = _("recommendations on the ballot")
        ordering = ["round", "recommendation__reference"]
        constraints = [
            models.UniqueConstraint(fields=["round", "recommendation"], name="round_item_once"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="round_item_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.recommendation.reference}"


class Participation(models.Model):
    """That an account voted in a round, and in which group — not what it voted."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("voter"),
    )
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("voting for"),
    )
    first_voted_at = models.DateTimeField(_("first voted"), default=timezone.now)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.user_id}"


class Ballot(models.Model):
    """What one voter chose in a round; the last one submitted counts.

    ``voter_key`` is a keyed hash of the round and the account (not reversible
    without the server's secret); the database keeps at most one ballot per
    voter per round. ``choices`` lists ``[project id, points]`` pairs in the
    voter's order (points 1 for approval and ranking ballots).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(max_length=64, editable=False)
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("group"),
    )
    choices = models.JSONField(_("choices"))
    receipt = models.CharField(_("receipt"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["round", "receipt"]
        constraints = [
            models.UniqueConstraint(fields=["round", "voter_key"], name="ballot_once_per_voter"),
        ]

    def __str__(self) -> str:
        return self.receipt[:12]


class VoidReceipt(models.Model):
    """A receipt that no longer counts: its ballot was replaced by a later one or withdrawn.

    Kept so that a voter who checks an old receipt is told it is void, and why,
    rather than that it is unknown. Like a ballot it has a random key and no
    account, no voter key and no time stamp; the choices it stood for are not kept.
    """

    class Reason(models.TextChoices):
        REPLACED = "replaced", _("replaced by a later ballot")
        WITHDRAWN = "withdrawn", _("withdrawn by the voter")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="void_receipts")
    receipt = models.CharField(_("receipt"), max_length=64, unique=True)
    reason = models.CharField(_("why it is void"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("void receipt")
        verbose_name_plural = _("void receipts")
        ordering = ["round", "receipt"]

    def __str__(self) -> str:
        return self.receipt[:12]


class Comment(models.Model):
    """A comment on a round's published priority list, as posted before comments moved to
    the discussion app (its migration 0002 copied every row there). Nothing writes here
    any more; the table is kept one release so that no comment can be lost in the move,
    and its rows stay under personal-data export and erasure until it is dropped."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="round_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by the secretariat; kept for the record.")
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["round", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
