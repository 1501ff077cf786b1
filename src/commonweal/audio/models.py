"""A session's recording on its way to becoming a meeting, and the voices heard in it.

The audio itself is a private file under ``MEDIA_ROOT/recordings/`` (never a public
address), named at random; it is deleted once the meeting is stored, or once the engine
refuses it. A voice's embedding and its short sample are biometric data: they are kept
only for voices mapped to a person (to suggest them in later recordings) and deleted when
that person is erased.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from commonweal.meetings.models import Meeting

RECORDINGS_FOLDER = "recordings"
MAX_SPEAKERS = 20


def recordings_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / RECORDINGS_FOLDER


class Recording(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("transcribing")
        REVIEW = "review", _("waiting for review")
        STORED = "stored", _("stored as a meeting")
        FAILED = "failed", pgettext_lazy("a recording's status", "failed")

    class Step(models.TextChoices):
        WAITING = "waiting", _("waiting for a worker")
        DECODING = "decoding", _("reading the audio")
        RECOGNISING = "recognising", _("recognising the words")
        VOICES = "voices", _("telling the voices apart")
        FINISHED = "finished", _("finished")

    title = models.CharField(pgettext_lazy("a recording's name", "title"), max_length=300)
    session_date = models.DateField(_("date of the session"), null=True, blank=True)
    # Blank: the engine detects the language.
    language = models.CharField(_("language"), max_length=12, blank=True)
    speakers = models.PositiveSmallIntegerField(
        _("number of speakers"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SPEAKERS)],
    )
    # The file's name inside recordings_folder(); empty once the audio is deleted.
    stored_name = models.CharField(max_length=100, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(_("step"), max_length=12, choices=Step.choices, default=Step.WAITING)
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    # The engine's one line when it refused the recording.
    message = models.TextField(_("message"), blank=True)
    duration = models.FloatField(_("duration in seconds"), null=True, blank=True)
    language_heard = models.CharField(_("language heard"), max_length=12, blank=True)
    model_name = models.CharField(_("speech model"), max_length=200, blank=True)
    # The engine's segments: [{"start", "end", "text", "voice"}], voice indexing Voice.index.
    result = models.JSONField(_("segments"), default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
        verbose_name=_("meeting"),
    )

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="recording_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audio:recording", kwargs={"pk": self.pk})

    @property
    def path(self) -> Path | None:
        """Where the audio lies, or None once it is deleted."""
        return recordings_folder() / self.stored_name if self.stored_name else None

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Voice(models.Model):
    """One voice the engine told apart in a recording, and who it turned out to be."""

    recording = models.ForeignKey(
        Recording, on_delete=models.CASCADE, related_name="voices", verbose_name=_("recording")
    )
    index = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=50)
    seconds = models.FloatField(_("speaking time in seconds"), default=0)
    # float32 values, L2-normalised (the engine's speaker embedding).
    embedding = models.BinaryField(editable=False)
    # A short 16 kHz mono WAV cut from the recording, to listen to while reviewing.
    sample = models.BinaryField(editable=False, blank=True)
    person = models.ForeignKey(
        "community.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="voices",
        verbose_name=_("person"),
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)

    class Meta:
        verbose_name = _("voice")
        verbose_name_plural = _("voices")
        ordering = ["recording", "index"]
        constraints = [
            models.UniqueConstraint(fields=["recording", "index"], name="voice_index_once"),
        ]

    def __str__(self) -> str:
        return f"{self.recording} · {self.label}"

    @property
    def shown_label(self) -> str:
        """The engine's label ("Voice 2") in the reader's language."""
        number = self.label.removeprefix("Voice ").strip()
        if number.isdecimal():
            return gettext("Voice %(number)s") % {"number": number}
        return self.label

    def get_sample_url(self) -> str:
        return reverse("audio:voice_sample", kwargs={"pk": self.recording_id, "index": self.index})

    @property
    def vector(self) -> array:
        values = array("f")
        values.frombytes(bytes(self.embedding))
        return values
