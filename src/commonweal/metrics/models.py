"""Maturity self-assessments: a configurable model of levels and dimensions, and each
group's assessments against it, kept as a history (a new assessment never overwrites one).

The KPIs themselves are computed from meetings, recommendations and rounds
(metrics/kpis.py) and stored nowhere.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The database refuses a level outside 1..MAX_LEVELS; the service refuses one above the
# number of levels of the assessment's model.
MAX_LEVELS = 10


def _in_language(name: str, names: dict, language: str | None) -> str:
    language = (language or get_language() or "en").lower()
    return names.get(language) or name


class MaturityModel(models.Model):
    """Levels (lowest first), each a name in English and its translations:
    ``[{"name": "initial", "names": {"zh-hans": "初始级"}}, ...]``."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(_("name in other languages"), default=dict, blank=True)
    levels = models.JSONField(_("levels"), default=list)
    is_default = models.BooleanField(_("used for new assessments"), default=False)

    class Meta:
        verbose_name = _("maturity model")
        verbose_name_plural = _("maturity models")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_model"
            ),
        ]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        return _in_language(self.name, self.names, language)

    def level_labels(self, language: str | None = None) -> list[str]:
        return [
            _in_language(level["name"], level.get("names", {}), language) for level in self.levels
        ]


class Dimension(models.Model):
    model = models.ForeignKey(
        MaturityModel,
        on_delete=models.CASCADE,
        related_name="dimensions",
        verbose_name=_("maturity model"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(_("name in other languages"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["model", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["model", "code"], name="dimension_code_once"),
        ]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        return _in_language(self.name, self.names, language)


class Assessment(models.Model):
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.CASCADE,
        related_name="maturity_assessments",
        verbose_name=_("group"),
    )
    model = models.ForeignKey(
        MaturityModel,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("maturity model"),
    )
    assessed_on = models.DateField(_("assessed on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="maturity_assessments",
        verbose_name=_("filled in by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        ordering = ["group", "-assessed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.group} {self.assessed_on}"

    def get_absolute_url(self) -> str:
        return reverse("metrics:group", kwargs={"slug": self.group.slug})


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="scores", verbose_name=_("dimension")
    )
    level = models.PositiveSmallIntegerField(_("level"))
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment", "dimension__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="one_score_per_dimension"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=MAX_LEVELS), name="score_level_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.level}"
