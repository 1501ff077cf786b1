"""Courses → modules → lessons (one edition per language) → a quiz at the end of a module.

Short texts that every reader sees (a course's title, a question, a choice) are kept
as a mapping of language code to text, since they are a line each; a lesson's body
is long and changes, so each language is its own ``LessonEdition`` row, which
remembers which version of the source edition it was written from. That is how a
translation is known to be *outdated*: the source's text hash no longer matches.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_BODY = 200_000  # characters of Markdown in one lesson edition
MAX_TITLE = 200
HASH_LENGTH = 12


def body_hash(body: str) -> str:
    """A short fingerprint of a lesson's text: a translation records its source's."""
    return hashlib.sha256(body.replace("\r\n", "\n").encode()).hexdigest()[:HASH_LENGTH]


def text_in(texts: dict, language: str, fallback: str) -> tuple[str, str]:
    """``texts`` in ``language``, else in ``fallback``, else any: (text, its language)."""
    for code in (language, fallback):
        if texts.get(code):
            return texts[code], code
    for code, text in sorted(texts.items()):
        if text:
            return text, code
    return "", fallback


class Course(models.Model):
    """A course; owned by a group (its coordinators author it) or, with none, the secretariat."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    titles = models.JSONField(_("title in each language"), default=dict)
    summaries = models.JSONField(_("summary in each language"), default=dict, blank=True)
    source_language = models.CharField(_("language it is written in"), max_length=10)
    owner_group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("owning group"),
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_for",
        verbose_name=_("courses to take first"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title_in(self.source_language)[0] or self.slug

    def get_absolute_url(self) -> str:
        return reverse("learning:course", kwargs={"slug": self.slug})

    def title_in(self, language: str) -> tuple[str, str]:
        return text_in(self.titles, language, self.source_language)

    def summary_in(self, language: str) -> tuple[str, str]:
        return text_in(self.summaries, language, self.source_language)


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField(_("position"), default=0)
    slug = models.SlugField(_("short name"), max_length=60)
    titles = models.JSONField(_("title in each language"), default=dict)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["course", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="learning_module_slug"),
        ]

    def __str__(self) -> str:
        return self.slug

    def title_in(self, language: str) -> tuple[str, str]:
        return text_in(self.titles, language, self.course.source_language)


class Lesson(models.Model):
    """One lesson; its slug is unique in its course (``services`` and the importer hold it),
    since a course folder names lesson files by it."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField(_("position"), default=0)
    slug = models.SlugField(_("short name"), max_length=60)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="learning_lesson_slug"),
        ]

    def __str__(self) -> str:
        return self.slug

    @property
    def course(self) -> Course:
        return self.module.course


class EditionStatus(models.TextChoices):
    MISSING = "missing", _("not translated")
    OUTDATED = "outdated", _("outdated: the source has changed since")
    CURRENT = "current", _("current")
    SOURCE = "source", _("the source edition")


class LessonEdition(models.Model):
    """A lesson in one language. ``source_hash`` is the source edition's ``body_hash`` when
    this translation was written (empty on the source edition itself)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    body = models.TextField(_("text (Markdown)"), max_length=MAX_BODY, blank=True)
    body_hash = models.CharField(max_length=HASH_LENGTH, editable=False)
    source_hash = models.CharField(max_length=HASH_LENGTH, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("lesson edition")
        verbose_name_plural = _("lesson editions")
        ordering = ["lesson", "language"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "language"], name="learning_one_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        self.body_hash = body_hash(self.body)
        super().save(*args, **kwargs)

    def status_against(self, source: LessonEdition | None) -> str:
        """Current, outdated or (for the source edition itself) source."""
        if source is None or source.pk == self.pk:
            return EditionStatus.SOURCE
        if self.source_hash != source.body_hash:
            return EditionStatus.OUTDATED
        return EditionStatus.CURRENT


class LessonFile(models.Model):
    """A file offered with a lesson (a handout, a diagram); a lesson's Markdown may show or
    link it by its name."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("file name"), max_length=120)
    file = models.FileField(_("file"), upload_to="learning/%Y/%m/")
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("lesson file")
        verbose_name_plural = _("lesson files")
        ordering = ["lesson", "name"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "name"], name="learning_file_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Quiz(models.Model):
    """The quiz that closes a module: passed at ``pass_percent`` or more."""

    module = models.OneToOneField(Module, on_delete=models.CASCADE, related_name="quiz")
    slug = models.SlugField(_("short name"), max_length=60)
    titles = models.JSONField(_("title in each language"), default=dict)
    pass_percent = models.PositiveSmallIntegerField(_("pass mark (percent)"), default=80)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.slug

    @property
    def course(self) -> Course:
        return self.module.course

    def title_in(self, language: str) -> tuple[str, str]:
        return text_in(self.titles, language, self.course.source_language)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("one answer")
        MULTIPLE = "multiple", _("several answers")
        FREE = "free", _("free text, marked by a person")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    texts = models.JSONField(_("question in each language"), default=dict)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["quiz", "position", "pk"]

    def __str__(self) -> str:
        return str(self.texts)[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("position"), default=0)
    texts = models.JSONField(_("answer in each language"), default=dict)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return str(self.texts)[:80]
