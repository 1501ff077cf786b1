"""English and Simplified Chinese are complete; Arabic is wired for right-to-left."""

import ast
import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import REPO

PACKAGE = REPO / "src" / "commonweal"
LOCALE = PACKAGE / "locale"


# Joins an entry's context to its msgid, as gettext does in a compiled catalogue.
CONTEXT = "\x04"


def po_entries(path: Path) -> dict[str, tuple[str, bool, str | None]]:
    """msgid -> (translation, fuzzy, plural msgid), read with the few rules the catalogues
    use; for plural entries the translation is the first form. An entry with a context is
    keyed "context\x04msgid"."""
    entries: dict[str, tuple[str, bool, str | None]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[0\]) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
            elif line.startswith("msgstr["):
                key = None
        if fields.get("msgid"):
            translation = fields.get("msgstr", fields.get("msgstr[0]", ""))
            key = fields["msgid"]
            if "msgctxt" in fields:
                key = fields["msgctxt"] + CONTEXT + key
            entries[key] = (
                translation,
                "#, fuzzy" in block,
                fields.get("msgid_plural"),
            )
    return entries


def test_every_chinese_entry_is_translated_and_none_is_fuzzy():
    entries = po_entries(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 150
    untranslated = [msgid for msgid, (msgstr, fuzzy, _) in entries.items() if not msgstr or fuzzy]
    assert untranslated == []


def test_the_compiled_chinese_catalogue_matches_its_source():
    entries = po_entries(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po")
    with open(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, (msgstr, _fuzzy, plural) in entries.items():
        if CONTEXT in msgid:
            context, bare = msgid.split(CONTEXT)
            assert compiled.pgettext(context, bare) == msgstr, msgid
            continue
        shown = compiled.ngettext(msgid, plural, 1) if plural else compiled.gettext(msgid)
        assert shown == msgstr, msgid


def test_the_catalogues_hold_every_string_the_code_and_templates_mark(tmp_path):
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: make test installs Debian's gettext package")
    copy = tmp_path / "commonweal"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "commonweal",
            "makemessages",
            "--no-obsolete",
            "--no-location",
            "-l",
            "zh_Hans",
            "-v0",
        ],
        cwd=copy,
        check=True,
        timeout=120,
    )
    fresh = set(po_entries(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    shipped = set(po_entries(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert fresh - shipped == set(), "run `make messages` and translate the new strings"


@pytest.mark.django_db
def test_the_home_page_speaks_chinese_to_a_chinese_browser(client):
    response = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    page = response.content.decode()
    assert 'lang="zh-hans"' in page
    assert "Commonweal 做什么" in page
    assert "What Commonweal does" not in page


@pytest.mark.django_db
def test_arabic_pages_are_laid_out_right_to_left_before_translation(client):
    response = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="ar")
    page = response.content.decode()
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    english = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'dir="ltr"' in english
