"""Cases with everything a case can hold, for the tests of keys, dumps and retention."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commonweal.conduct.services.cases import Report, key_for

NAME = "Þórdís Quackenbush-Ægirsdóttir"
WHAT = (
    "Delegate Marmaduke Vandersnoot cornered me beside the Zanzibar fountain and "
    "whispered threats about my funding application."
)
WHEN = "Wednesday evening, after the Cartographers plenary"
WHERE = "the Pomegranate lounge"
WHO = "Marmaduke Vandersnoot"
TO_REPORTER = "Thank you, Þórdís; we spoke with the Pomegranate lounge staff."
FROM_REPORTER = "A witness, Bartholomew Ottoline, saw everything."
FILE_NAME = "vandersnoot-threat-screenshot.png"
FILE_BYTES = b"\x89PNG-ATTACHMENT-OBSIDIAN-PLATYPUS-7731\x00" * 40

SECRETS = [NAME, WHAT, WHEN, WHERE, WHO, TO_REPORTER, FROM_REPORTER, FILE_NAME]


def secret_words() -> set[str]:
    """Every word of six letters or more that the reports hold, for a dump to be searched
    for (shorter words, "the", "about", turn up in any schema)."""
    words = set()
    for text in SECRETS:
        for word in text.replace(",", " ").replace(";", " ").replace(".", " ").split():
            if len(word) >= 6:
                words.add(word)
    return words


def forms_of(text: str) -> list[bytes]:
    """The ways a text could sit in a dump or a file: as UTF-8, UTF-16, JSON-escaped,
    and as the hexadecimal a dump writes binary columns in."""
    raw = text.encode()
    escaped = json.dumps(text)[1:-1].encode()
    return [raw, text.encode("utf-16-le"), escaped, raw.hex().encode(), raw.hex().upper().encode()]


def case_with_everything(ombudsman, *, named: bool = True):
    """A report filed with an attachment, a reply from the ombudsman and an answer from
    the reporter with the attachment again, all through the services the pages use; the
    case and its key."""
    from commonweal.conduct.services import handling, reporting

    report = Report(
        kind="intimidation",
        place="elsewhere",
        what=WHAT,
        when=WHEN,
        where=WHERE,
        who=WHO,
        named=named,
        name=NAME if named else "",
        email="thordis.quackenbush@example.net" if named else "",
    )
    case, receipt = reporting.report_submit(report=report, files=[_upload()])
    handled = handling.case_open(case, ombudsman)
    handling.case_reply(
        opened=handled, user=ombudsman, text=TO_REPORTER, feedback=False, site_url=""
    )
    opened = reporting.case_open(code=receipt)
    reporting.message_add(opened=opened, text=FROM_REPORTER, files=[_upload()])
    case.refresh_from_db()
    return case, key_for(case, ombudsman)


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile(FILE_NAME, FILE_BYTES, content_type="image/png")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
