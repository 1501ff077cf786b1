"""Who is learning what: enrolments (with the resume point), lessons done, quiz attempts
and certificates.

A certificate outlives its learner's account: erasure empties ``learner`` and the
verification page then says only that the certificate was issued (see
``personal_data.py``). Its code is signed with the site's secret key over the
certificate's id, course and date, so nobody can make one up.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from commonweal.learning.models.courses import Course, Lesson, Quiz

# Characters of the signature in a certificate code: 50 bits, typed in a few seconds.
CODE_SIGNATURE_LENGTH = 10
_CODE_SALT = "commonweal.learning.certificate"


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learning_enrolments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    resume_lesson = models.ForeignKey(
        Lesson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("where to resume"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-started_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_one_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.user_id}"


class LessonDone(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="done")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson done")
        verbose_name_plural = _("lessons done")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_done_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson_id}"


class QuizAttempt(models.Model):
    """One try at a quiz. ``answers`` maps a question's id to the chosen choice ids or the
    text written; ``marks`` maps a free-text question's id to the marker's verdict.
    ``score`` stays empty while a free-text answer waits for a person to mark it."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    answers = models.JSONField(_("answers"), default=dict)
    marks = models.JSONField(_("marks for written answers"), default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("score (percent)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_marked_attempts",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.score}"

    @property
    def awaiting_marking(self) -> bool:
        return self.score is None


class Certificate(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_certificates",
        verbose_name=_("learner"),
    )
    issued_on = models.DateField(_("issued on"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="learning_one_certificate"),
        ]

    def __str__(self) -> str:
        return self.code

    def _signature(self) -> str:
        value = f"{self.pk}:{self.course_id}:{self.issued_on.isoformat()}"
        digest = salted_hmac(_CODE_SALT, value, algorithm="sha256").digest()
        return base64.b32encode(digest).decode()[:CODE_SIGNATURE_LENGTH]

    @property
    def code(self) -> str:
        """What the learner gives to whoever checks: the id, a dash, the signature."""
        return f"{self.pk}-{self._signature()}"

    @classmethod
    def verified(cls, code: str) -> Certificate | None:
        """The certificate ``code`` names, if its signature holds; typed codes may differ
        in case and spaces."""
        number, _dash, signature = code.strip().upper().replace(" ", "").partition("-")
        if not number.isdigit() or len(number) > 12:
            return None
        certificate = cls.objects.select_related("course", "learner__person").filter(pk=int(number))
        found = certificate.first()
        if found is None or not constant_time_compare(found._signature(), signature):
            return None
        return found
