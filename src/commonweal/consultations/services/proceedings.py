"""Every write on comment proceedings: drafting, documents, publishing, extending, the
submissions and their endorsement, and the staff report.

Each service is keyword-only and runs in one transaction; it locks the row it changes
before looking at its state, refuses with a ``ProceedingError`` in words for the person
who asked, and writes nothing when it refuses. The news a follower hears (opened,
extended, report published) is announced inside the same transaction.
"""

from __future__ import annotations

import codecs
import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.consultations.models import Document, Extension, Proceeding, Submission
from commonweal.consultations.models.proceedings import DOCUMENT_EXTENSIONS
from commonweal.core import follows
from commonweal.core.links import absolute

MAX_TEXT = 20_000


class ProceedingError(Exception):
    """A refusal, in words for the person who asked."""


def _refuse_if(reason: str) -> None:
    if reason:
        raise ProceedingError(reason)


def _cleaned(text: str, *, missing: str, limit: int = MAX_TEXT) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    _refuse_if("" if text else missing)
    _refuse_if(
        _("Keep it to %(limit)d characters (this has %(length)d).")
        % {"limit": limit, "length": len(text)}
        if len(text) > limit
        else ""
    )
    return text


def _locked(proceeding: Proceeding) -> Proceeding:
    return Proceeding.objects.select_for_update().get(pk=proceeding.pk)


def _locked_submission(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("proceeding").get(pk=submission.pk)


def _announce(proceeding: Proceeding, *, key: str, event: str, category: str, **extra) -> None:
    follows.announce(
        follows.News(
            key=f"proceeding:{proceeding.pk}:{key}",
            kind=follows.PROCEEDING,
            subject=str(proceeding.pk),
            event=event,
            category=category,
            title=proceeding.title,
            url=absolute(proceeding.get_absolute_url()),
            **extra,
        )
    )


def _check_dates(opens_on: datetime.date, closes_on: datetime.date) -> None:
    _refuse_if(
        _("The closing date must be on or after the opening date.") if closes_on < opens_on else ""
    )


def _person_name(user) -> str:
    person = getattr(user, "person", None)
    return person.shown_name if person is not None else user.email


# -- proceedings ----------------------------------------------------------------------


@transaction.atomic
def proceeding_create(
    *,
    title: str,
    summary: str,
    language: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    groups: Iterable[StakeholderGroup] = (),
    by=None,
) -> Proceeding:
    """A draft proceeding: nobody but staff sees it until it is published."""
    title = _cleaned(title, missing=_("Give the proceeding a title."), limit=300)
    _check_dates(opens_on, closes_on)
    proceeding = Proceeding.objects.create(
        title=title,
        summary=(summary or "").strip(),
        language=language,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    proceeding.groups.set(list(groups))
    return proceeding


@transaction.atomic
def proceeding_update(
    *,
    proceeding: Proceeding,
    title: str,
    summary: str,
    language: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    groups: Iterable[StakeholderGroup] = (),
) -> Proceeding:
    """A draft's new wording, dates and groups; a published proceeding's dates change
    only by an extension, recorded with its reason."""
    proceeding = _locked(proceeding)
    _refuse_if(
        _("A published proceeding is not edited; extend it to change its closing date.")
        if proceeding.published_at is not None
        else ""
    )
    proceeding.title = _cleaned(title, missing=_("Give the proceeding a title."), limit=300)
    _check_dates(opens_on, closes_on)
    proceeding.summary = (summary or "").strip()
    proceeding.language, proceeding.opens_on, proceeding.closes_on = language, opens_on, closes_on
    proceeding.save()
    proceeding.groups.set(list(groups))
    return proceeding


def _upload_limit() -> int:
    return settings.CONSULTATION_UPLOAD_MB


# What the first bytes of a file of each kind are; text kinds are read whole as UTF-8.
_ZIPPED = frozenset({"docx", "xlsx", "odt"})
_TEXT = frozenset({"txt", "md", "html", "csv"})


def content_matches(extension: str, chunks: Iterable[bytes]) -> bool:
    """Whether the bytes are a file of the kind its extension names: a PDF starts with
    ``%PDF-``, a docx, xlsx or odt is a zip, a text file is UTF-8 without NUL bytes."""
    chunks = iter(chunks)
    head = next(chunks, b"")
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in _ZIPPED:
        return head.startswith(b"PK\x03\x04")
    if extension not in _TEXT:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in (head, *chunks):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def upload_problem(upload: UploadedFile, *, limit_mb: int) -> str:
    """Why the uploaded file is refused, in words for the person who sent it, or ``""``."""
    name = (upload.name or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        return _("A document must be one of these kinds of file: %(kinds)s.") % {
            "kinds": ", ".join(DOCUMENT_EXTENSIONS)
        }
    if not upload.size:
        return _("The file is empty.")
    if upload.size > limit_mb * 1024 * 1024:
        return _("A document may weigh %(limit)d MB at most.") % {"limit": limit_mb}
    upload.seek(0)
    matches = content_matches(extension, upload.chunks())
    upload.seek(0)
    if not matches:
        return _("The file's content is not a %(kind)s file, as its name says.") % {
            "kind": extension.upper()
        }
    return ""


@transaction.atomic
def document_add(
    *,
    proceeding: Proceeding,
    title: str,
    language: str = "en",
    upload: UploadedFile | None = None,
    url: str = "",
) -> Document:
    """A document of the proceeding: an uploaded file, checked to be what its name says,
    or a link (one or the other)."""
    proceeding = _locked(proceeding)
    _refuse_if(
        _("The staff report is published: the proceeding's documents are final.")
        if proceeding.report_published_at is not None
        else ""
    )
    title = _cleaned(title, missing=_("Give the document a title."), limit=300)
    url = (url or "").strip()
    _refuse_if(
        _("Upload a file or give a link, not both.") if (upload is None) == (not url) else ""
    )
    if upload is not None:
        _refuse_if(upload_problem(upload, limit_mb=_upload_limit()))
    return Document.objects.create(
        proceeding=proceeding, title=title, language=language, file=upload or "", url=url
    )


@transaction.atomic
def proceeding_publish(*, proceeding: Proceeding) -> Proceeding:
    """Make a draft public and tell those who follow it or whose group it concerns."""
    proceeding = _locked(proceeding)
    _refuse_if(_("This proceeding is published already.") if proceeding.published_at else "")
    proceeding.published_at = timezone.now()
    proceeding.first_closes_on = proceeding.closes_on
    proceeding.save(update_fields=["published_at", "first_closes_on"])
    _announce(
        proceeding,
        key="opened",
        event="proceeding.opened",
        category=follows.DEADLINE,
        deadline=proceeding.closes_at,
        groups=tuple(proceeding.groups.values_list("pk", flat=True)),
    )
    return proceeding


@transaction.atomic
def proceeding_extend(
    *, proceeding: Proceeding, closes_on: datetime.date, reason: str, by=None
) -> Extension:
    """Move a published proceeding's closing date later, with the reason, for all to read."""
    proceeding = _locked(proceeding)
    _refuse_if(
        _("Only a published proceeding is extended; edit the draft's dates instead.")
        if proceeding.published_at is None
        else ""
    )
    _refuse_if(
        _("The staff report is published: the proceeding is over.")
        if proceeding.report_published_at is not None
        else ""
    )
    _refuse_if(
        _("The new closing date must be after the current one.")
        if closes_on <= proceeding.closes_on
        else ""
    )
    reason = _cleaned(reason, missing=_("Say why the period is extended."))
    extension = Extension.objects.create(
        proceeding=proceeding,
        previous_closes_on=proceeding.closes_on,
        closes_on=closes_on,
        reason=reason,
        decided_by=by,
    )
    proceeding.closes_on = closes_on
    proceeding.save(update_fields=["closes_on"])
    _announce(
        proceeding,
        key=f"extended:{extension.pk}",
        event="proceeding.extended",
        category=follows.DEADLINE,
        deadline=proceeding.closes_at,
    )
    return extension


# -- submissions ----------------------------------------------------------------------


def why_not_submit(proceeding: Proceeding) -> str:
    """Why no comment is taken now, or ``""`` while the proceeding is open."""
    status = proceeding.status()
    if status == Proceeding.Status.OPEN:
        return ""
    if status == Proceeding.Status.UPCOMING:
        return _("Comments are taken from %(date)s.") % {
            "date": date_format(proceeding.opens_on, "DATE_FORMAT")
        }
    return _("The comment period closed on %(date)s: no more comments are taken.") % {
        "date": date_format(proceeding.closes_on, "DATE_FORMAT")
    }


def _check_group(author, group: StakeholderGroup | None) -> None:
    if group is None:
        return
    member = (
        author.person_id is not None
        and Membership.objects.current().filter(person_id=author.person_id, group=group).exists()
    )
    _refuse_if("" if member else _("You can only write on behalf of a group you belong to."))


@transaction.atomic
def submission_create(
    *,
    proceeding: Proceeding,
    author,
    text: str,
    language: str = "en",
    on_behalf_of: StakeholderGroup | None = None,
) -> Submission:
    """The author's draft, private to them until they submit it."""
    proceeding = _locked(proceeding)
    _refuse_if(why_not_submit(proceeding))
    _check_group(author, on_behalf_of)
    text = _cleaned(text, missing=_("Write your comment before saving it."))
    return Submission.objects.create(
        proceeding=proceeding,
        author=author,
        author_name=_person_name(author)[:200],
        on_behalf_of=on_behalf_of,
        text=text,
        language=language,
    )


def _check_own_draft(submission: Submission, by) -> None:
    _refuse_if("" if submission.author_id == by.pk else _("This is not your submission."))
    _refuse_if(
        ""
        if submission.state == Submission.State.DRAFT
        else _("Only a draft is changed; this one is submitted.")
    )


@transaction.atomic
def submission_update(
    *,
    submission: Submission,
    by,
    text: str,
    language: str = "en",
    on_behalf_of: StakeholderGroup | None = None,
) -> Submission:
    submission = _locked_submission(submission)
    _check_own_draft(submission, by)
    _refuse_if(why_not_submit(submission.proceeding))
    _check_group(by, on_behalf_of)
    submission.text = _cleaned(text, missing=_("Write your comment before saving it."))
    submission.language, submission.on_behalf_of = language, on_behalf_of
    submission.save(update_fields=["text", "language", "on_behalf_of"])
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, by) -> Submission:
    """A person's comment is published at once; a group's waits for its endorsement."""
    submission = _locked_submission(submission)
    _check_own_draft(submission, by)
    _refuse_if(why_not_submit(submission.proceeding))
    _check_group(by, submission.on_behalf_of)
    now = timezone.now()
    submission.submitted_at = now
    if submission.on_behalf_of_id is None:
        submission.state, submission.published_at = Submission.State.PUBLISHED, now
    else:
        submission.state = Submission.State.AWAITING
    submission.endorsement_note = ""
    submission.save(update_fields=["submitted_at", "state", "published_at", "endorsement_note"])
    return submission


def _check_awaiting(submission: Submission) -> None:
    _refuse_if(
        ""
        if submission.state == Submission.State.AWAITING
        else _("This submission is not waiting for an endorsement.")
    )
    _refuse_if(
        _("The staff report is published: the proceeding is over.")
        if submission.proceeding.report_published_at is not None
        else ""
    )


@transaction.atomic
def submission_endorse(*, submission: Submission, by) -> Submission:
    """The group stands behind the submission: it is published in the group's name. It
    was submitted in time, so an endorsement after the close still counts."""
    submission = _locked_submission(submission)
    _check_awaiting(submission)
    now = timezone.now()
    submission.state = Submission.State.PUBLISHED
    submission.endorsed_by, submission.endorsed_at, submission.published_at = by, now, now
    submission.save(update_fields=["state", "endorsed_by", "endorsed_at", "published_at"])
    return submission


@transaction.atomic
def submission_decline(*, submission: Submission, by, note: str) -> Submission:
    """Back to its author as a draft, with the coordinator's note."""
    submission = _locked_submission(submission)
    _check_awaiting(submission)
    note = _cleaned(note, missing=_("Tell the author why, in a note."), limit=2000)
    submission.state = Submission.State.DRAFT
    submission.endorsement_note, submission.submitted_at = note, None
    submission.endorsed_by = by
    submission.save(update_fields=["state", "endorsement_note", "submitted_at", "endorsed_by"])
    return submission


# -- the staff report -----------------------------------------------------------------


def _published(proceeding: Proceeding):
    return proceeding.submissions.filter(state=Submission.State.PUBLISHED).order_by(
        "published_at", "pk"
    )


def _write_report(proceeding: Proceeding, text: str, responses: Mapping[int, str]) -> list:
    proceeding.report = (text or "").replace("\r\n", "\n").strip()
    proceeding.save(update_fields=["report"])
    submissions = list(_published(proceeding))
    for submission in submissions:
        answer = (responses.get(submission.pk) or "").replace("\r\n", "\n").strip()
        if answer != submission.response:
            submission.response = answer
            submission.save(update_fields=["response"])
    return submissions


@transaction.atomic
def report_save(*, proceeding: Proceeding, text: str, responses: Mapping[int, str]) -> Proceeding:
    """The report as written so far, kept unpublished."""
    proceeding = _locked(proceeding)
    _refuse_if(
        _("The staff report is published and is not changed.")
        if proceeding.report_published_at is not None
        else ""
    )
    _write_report(proceeding, text, responses)
    return proceeding


@transaction.atomic
def report_publish(
    *, proceeding: Proceeding, text: str, responses: Mapping[int, str]
) -> Proceeding:
    """Publish the report once the period closed: its overall text and an answer to every
    published submission, each linked to the submission it answers."""
    proceeding = _locked(proceeding)
    _refuse_if(
        ""
        if proceeding.status() == Proceeding.Status.CLOSED
        else _("The report is published once the comment period has closed, and only once.")
    )
    waiting = proceeding.submissions.filter(state=Submission.State.AWAITING).count()
    _refuse_if(
        ngettext(
            "%(count)s submission still waits for its group's endorsement: its coordinators "
            "endorse or decline it before the report is published.",
            "%(count)s submissions still wait for their group's endorsement: their "
            "coordinators endorse or decline them before the report is published.",
            waiting,
        )
        % {"count": waiting}
        if waiting
        else ""
    )
    submissions = _write_report(proceeding, text, responses)
    _refuse_if("" if proceeding.report else _("Write the report's overall text."))
    missing = [f"#{submission.pk}" for submission in submissions if not submission.response]
    _refuse_if(
        _("Answer every submission before publishing (not yet: %(list)s).")
        % {"list": ", ".join(missing)}
        if missing
        else ""
    )
    proceeding.report_published_at = timezone.now()
    proceeding.save(update_fields=["report_published_at"])
    _announce(proceeding, key="report", event="proceeding.report", category=follows.DECISION)
    return proceeding
