"""Learning that participation asks for: a course to complete before voting in a round
or joining a group, and the course a group suggests to newcomers (its primer).

Both point down, at ``rounds.Round`` and ``community.StakeholderGroup``, which the
learning center's floor allows; those apps never look here. They ask the gates
registry (``core.gates``) instead, where ``learning.requirements`` answers.
A certificate for the course is what satisfies a requirement.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commonweal.learning.models.courses import Course


class CourseRequirement(models.Model):
    """Before voting in ``round``, or before joining ``group``, complete ``course``.
    Exactly one of ``round`` and ``group`` is set (a database constraint holds it)."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("course")
    )
    round = models.ForeignKey(
        "rounds.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("round"),
    )
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )
    created_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course requirement")
        verbose_name_plural = _("course requirements")
        ordering = ["course__slug", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(round__isnull=False, group__isnull=True)
                    | Q(round__isnull=True, group__isnull=False)
                ),
                name="learning_requirement_one_subject",
            ),
            models.UniqueConstraint(
                fields=["course", "round"], name="learning_requirement_once_a_round"
            ),
            models.UniqueConstraint(
                fields=["course", "group"], name="learning_requirement_once_a_group"
            ),
        ]

    def __str__(self) -> str:
        subject = f"round {self.round_id}" if self.round_id else f"group {self.group_id}"
        return f"{self.course} · {subject}"


class GroupPrimer(models.Model):
    """The course a group suggests to whoever is new to it, on the group's page."""

    group = models.OneToOneField(
        "community.StakeholderGroup",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("group"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="primer_of", verbose_name=_("course")
    )

    class Meta:
        verbose_name = _("group primer")
        verbose_name_plural = _("group primers")

    def __str__(self) -> str:
        return f"{self.course} · group {self.group_id}"
