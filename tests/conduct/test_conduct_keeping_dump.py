"""A full dump of the database and a copy of the media folder, taken together, hold none
of a report's words, its reporter's name, its messages, its attachment or the attachment's
name, and no private key: what opens a case lives elsewhere (the key folder, the receipt,
the recovery key on paper)."""

from __future__ import annotations

import os
import subprocess

import pytest
from django.db import connection

from tests.conduct import fixtures_keeping
from tests.conduct.fixtures_keeping import (
    FILE_BYTES,
    FILE_NAME,
    NAME,
    SECRETS,
    case_with_everything,
    forms_of,
    secret_words,
)

media_root = fixtures_keeping.media_root


def _sqlite_dump() -> bytes:
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump()).encode()


def _media_bytes(root) -> bytes:
    files = [path for path in root.rglob("*") if path.is_file()]
    assert files, "the attachment was not written to the media folder"
    return b"\n".join(path.read_bytes() for path in files)


def _leaks(haystack: bytes, baseline: bytes, private_keys: list[bytes]) -> list[str]:
    """What of the reports (or of a private key) can be read in ``haystack``."""
    found = []
    # A word that was already there before anything was reported (a column's name) says
    # nothing; the distinctive ones never are.
    words = {word for word in secret_words() if word.encode() not in baseline}
    assert {"Vandersnoot", "Quackenbush-Ægirsdóttir", "Pomegranate", "Ottoline"} <= words
    for text in [*SECRETS, *sorted(words)]:
        if any(form in haystack for form in forms_of(text)):
            found.append(text)
    for chunk in (
        FILE_BYTES[:32],
        FILE_BYTES[:32].hex().encode(),
        FILE_BYTES[:32].hex().upper().encode(),
    ):
        if chunk in haystack:
            found.append("the attachment's bytes")
    for private in private_keys:
        if private in haystack or private.hex().encode() in haystack.lower():
            found.append("a private key")
    return found


def _private_keys(key_dir, recovery_private: bytes) -> list[bytes]:
    files = sorted(key_dir.glob("*.key"))
    assert len(files) == 2  # the ombudsman's and the custodian's; recovery is on paper
    return [path.read_bytes() for path in files] + [recovery_private]


def _assert_keys_apart(key_dir, media):
    assert not key_dir.resolve().is_relative_to(media.resolve())
    assert not any(path.suffix == ".key" for path in media.rglob("*"))


@pytest.mark.django_db
def test_a_sqlite_dump_and_the_media_folder_reveal_nothing_of_a_report(
    conduct_keys, role_users, media_root, key_dir
):
    baseline = _sqlite_dump()
    case_with_everything(role_users["ombudsman"])
    case_with_everything(role_users["ombudsman"], named=False)
    dump, media = _sqlite_dump(), _media_bytes(media_root)
    assert b"conduct_case" in dump and b"C-20" in dump  # the dump is of the real tables
    private_keys = _private_keys(key_dir, conduct_keys["recovery_private"])
    assert _leaks(dump, baseline, private_keys) == []
    assert _leaks(media, baseline, private_keys) == []
    assert FILE_NAME not in " ".join(os.listdir(media_root / "conduct"))
    assert NAME.encode() not in b"".join(os.fsencode(p) for p in media_root.rglob("*"))
    _assert_keys_apart(key_dir, media_root)


def _pg_dump() -> bytes:
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")]:
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    result = subprocess.run(
        ["pg_dump", "--no-owner", settings["NAME"]], env=env, capture_output=True, check=True
    )
    return result.stdout


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_and_the_media_folder_reveal_nothing_of_a_report(
    conduct_keys, role_users, media_root, key_dir
):
    baseline = _pg_dump()
    case_with_everything(role_users["ombudsman"])
    case_with_everything(role_users["ombudsman"], named=False)
    dump, media = _pg_dump(), _media_bytes(media_root)
    assert b"conduct_case" in dump and b"C-20" in dump
    private_keys = _private_keys(key_dir, conduct_keys["recovery_private"])
    assert _leaks(dump, baseline, private_keys) == []
    assert _leaks(media, baseline, private_keys) == []
    _assert_keys_apart(key_dir, media_root)
