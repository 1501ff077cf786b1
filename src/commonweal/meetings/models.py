"""Meeting records: a meeting, who spoke, every turn, its topics and candidate recommendations.

Rows are written once by ingestion (services.meeting_ingest) from the transcript
engine's result and replaced whole when a corrected transcript arrives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=60, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # The series a meeting belongs to as its header names it ("ICANN64"): written the same
    # in every language, so it tells one meeting's language editions apart from another's.
    event = models.CharField(_("event"), max_length=100, blank=True)
    language = models.CharField(_("language of the record"), max_length=35, blank=True)
    source_name = models.CharField(_("source file"), max_length=255)
    source_format = models.CharField(_("source format"), max_length=30, blank=True)
    # Identifies the meeting across corrected versions of its transcript.
    identity = models.CharField(max_length=64, unique=True, editable=False)
    content_hash = models.CharField(
        _("content digest"), max_length=64, db_index=True, editable=False
    )
    duration_seconds = models.PositiveIntegerField(_("duration in seconds"), default=0)
    timing_exact = models.BooleanField(
        _("exact timing"),
        default=False,
        help_text=_("Speaking times come from timestamps rather than estimates."),
    )
    # The engine's meeting-wide measures (floor balance, unattributed speech ...), as in
    # the `commonweal parse` JSON.
    measures = models.JSONField(_("measures"), default=dict, blank=True)
    ingested_at = models.DateTimeField(_("ingested at"), auto_now=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_ingested",
        verbose_name=_("ingested by"),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})" if self.date else self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", kwargs={"pk": self.pk})

    def reader_title(self) -> tuple[str, str]:
        """The title in the reader's language where an edition gives one, else the
        original's, with the language it is in (lists prefetch ``editions``)."""
        edition = edition_in(self, self.editions.all(), get_language() or "en")
        if edition is not None:
            return edition.title, edition.language
        return self.title, self.language or "und"


def primary_language(language: str) -> str:
    """A language tag's first part, lower case: "zh-hans" and "zh" are both "zh"."""
    return language.replace("_", "-").split("-")[0].lower()


def edition_in(meeting: Meeting, editions, language: str) -> MeetingEdition | None:
    """The meeting's edition in ``language``; None when that is the original's language
    or no edition is in it."""
    wanted = primary_language(language)
    if wanted == primary_language(meeting.language or ""):
        return None
    return next((e for e in editions if primary_language(e.language) == wanted), None)


class Participant(models.Model):
    """A speaker as the transcript labels them, linked to a person and group when known."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting")
    )
    label = models.CharField(_("name as written"), max_length=200)
    aliases = models.JSONField(_("other labels"), default=list, blank=True)
    person = models.ForeignKey(
        "community.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_participations",
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_participations",
        verbose_name=_("group"),
    )
    turns = models.PositiveIntegerField(_("turns"), default=0)
    units = models.PositiveIntegerField(_("words or characters"), default=0)
    share = models.FloatField(_("share of the floor"), default=0)
    seconds = models.FloatField(_("speaking time in seconds"), default=0)
    questions = models.PositiveIntegerField(_("questions"), default=0)
    interruptions = models.PositiveIntegerField(_("interruptions"), default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "-share"]

    def __str__(self) -> str:
        return self.label

    @property
    def speaker_name(self) -> str:
        """The label to show: an erased person's turns read "Former participant" in the
        reader's language (load with select_related("person"))."""
        if self.person_id is not None and self.person.is_erased:
            return gettext("Former participant")
        return self.label


class Topic(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="topics", verbose_name=_("meeting")
    )
    index = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    # The title the transcript engine found, kept when the secretariat writes a better one.
    detected_title = models.CharField(
        _("title found in the transcript"), max_length=300, blank=True
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("title edited by"),
    )
    edited_at = models.DateTimeField(_("title edited at"), null=True, blank=True)
    first_turn = models.PositiveIntegerField(_("first turn"))
    last_turn = models.PositiveIntegerField(_("last turn"))
    seconds = models.FloatField(_("time in seconds"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["meeting", "index"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "index"], name="topic_index_once"),
        ]

    def __str__(self) -> str:
        return self.title


class Turn(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="turns", verbose_name=_("meeting")
    )
    index = models.PositiveIntegerField(_("order"))
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="spoken_turns",
        verbose_name=_("speaker"),
    )
    # Denormalised from the participant so that per-person and per-group measures
    # across meetings are one indexed query.
    person = models.ForeignKey(
        "community.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turns",
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turns",
        verbose_name=_("group"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turns",
        verbose_name=_("topic"),
    )
    text = models.TextField(_("text"))
    annotations = models.JSONField(_("annotations"), default=list, blank=True)
    units = models.PositiveIntegerField(_("words or characters"), default=0)
    seconds = models.FloatField(_("time in seconds"), default=0)

    class Meta:
        verbose_name = _("turn")
        verbose_name_plural = _("turns")
        ordering = ["meeting", "index"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "index"], name="turn_index_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}#{self.index}"

    def get_absolute_url(self) -> str:
        """A lasting link to this turn: it opens the window of the meeting page that holds it."""
        return reverse("meetings:turn", kwargs={"pk": self.meeting_id, "index": self.index})


class Candidate(models.Model):
    """A sentence that may be a recommendation or an action item, for a person to confirm."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("recommendation")
        ACTION = "action", _("action item")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("to review")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("meeting")
    )
    turn = models.ForeignKey(
        Turn, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("turn")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sentence = models.TextField(_("sentence"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["meeting", "turn__index"]

    def __str__(self) -> str:
        return self.sentence[:80]


class MeetingEdition(models.Model):
    """The same meeting's record in another language, attached to the meeting first stored
    (the original), its turns aligned to the original's (meetings/editions.py).

    An edition adds text only: the meeting's measures, speakers, topics and candidates
    all come from the original, so they are counted once.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="editions", verbose_name=_("meeting")
    )
    language = models.CharField(_("language"), max_length=35)
    title = models.CharField(_("title"), max_length=300)
    place = models.CharField(_("place"), max_length=200, blank=True)
    source_name = models.CharField(_("source file"), max_length=255)
    content_hash = models.CharField(
        _("content digest"), max_length=64, db_index=True, editable=False
    )
    # Who spoke, as the alignment needs it and no more: for each of the edition's
    # speakers, {"person": id} when linked to a person, else {"keys": [digests of the
    # folded labels]}, or {} for an unidentified voice; no name is kept here.
    speakers = models.JSONField(_("speakers"), default=list, editable=False)
    aligned_turns = models.PositiveIntegerField(_("turns aligned to the original"), default=0)
    ingested_at = models.DateTimeField(_("ingested at"), auto_now=True)

    class Meta:
        verbose_name = _("language edition")
        verbose_name_plural = _("language editions")
        ordering = ["meeting", "language"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "language"], name="edition_language_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} [{self.language}]"


class EditionTurn(models.Model):
    """One turn of an edition, shown beside the original turn it translates.

    ``turn_index`` is the original turn it stands beside (an index, not a key, so that a
    corrected original can be aligned again); ``span`` how many original turns it
    translates: 1, 2 (two original turns joined in this edition) or 0 (a turn with no
    counterpart, shown after the original turn ``turn_index``). Two edition turns may
    translate one original turn (split in this edition): both have its index.
    """

    edition = models.ForeignKey(
        MeetingEdition, on_delete=models.CASCADE, related_name="turns", verbose_name=_("edition")
    )
    index = models.PositiveIntegerField(_("order"))
    speaker = models.PositiveIntegerField(_("speaker"), default=0)
    text = models.TextField(_("text"))
    units = models.PositiveIntegerField(_("words or characters"), default=0)
    turn_index = models.PositiveIntegerField(_("original turn"))
    span = models.PositiveSmallIntegerField(_("original turns translated"), default=1)

    class Meta:
        verbose_name = _("edition turn")
        verbose_name_plural = _("edition turns")
        ordering = ["edition", "index"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "index"], name="edition_turn_index_once"),
        ]
        indexes = [models.Index(fields=["edition", "turn_index"], name="edition_turn_beside")]

    def __str__(self) -> str:
        return f"{self.edition_id}#{self.index}"


class IngestJob(models.Model):
    """One uploaded transcript on its way to becoming a meeting, run in the background.

    The uploaded bytes are kept only until the job ends.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Step(models.TextChoices):
        WAITING = "waiting", _("waiting for a worker")
        PARSING = "parsing", _("reading and attributing the transcript")
        STORING = "storing", _("storing the meeting")
        FINISHED = "finished", _("finished")

    source_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(editable=False)
    roster_name = models.CharField(_("roster file name"), max_length=255, blank=True)
    roster = models.BinaryField(null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices, default=Step.WAITING)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)
    message = models.TextField(_("message"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ingest_jobs",
        verbose_name=_("meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="ingest_jobs",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("transcript being added")
        verbose_name_plural = _("transcripts being added")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:job", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return {"waiting": 0, "parsing": 30, "storing": 70, "finished": 100}[self.step]
