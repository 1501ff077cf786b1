"""Six languages: every catalogue complete, its plural forms right, its placeholders kept.

The catalogues are read with a few lines of our own (the rules the files use), so the test
does not trust the tools that wrote them.
"""

import ast
import gettext
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import REPO

PACKAGE = REPO / "src" / "commonweal"
LOCALE = PACKAGE / "locale"
# Folder name of each shipped catalogue, and the number of plural forms it must have:
# Arabic zero/one/two/few/many/other, Russian one/few/many, Spanish one/millions/other.
CATALOGUES = {"zh_Hans": 1, "ar": 6, "es": 3, "fr": 2, "ru": 3}

# Joins an entry's context to its msgid, as gettext does in a compiled catalogue.
CONTEXT = "\x04"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|</?[a-z][^>]*>")


@dataclass
class Entry:
    msgid: str
    plural: str | None
    forms: list[str]  # msgstr, or msgstr[0..n-1]
    fuzzy: bool


def po_entries(path: Path) -> dict[str, Entry]:
    """Key ("context\x04msgid" when there is a context) -> Entry."""
    entries: dict[str, Entry] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if not fields.get("msgid"):
            continue
        forms = [fields[f"msgstr[{i}]"] for i in range(10) if f"msgstr[{i}]" in fields]
        key = fields["msgid"]
        if "msgctxt" in fields:
            key = fields["msgctxt"] + CONTEXT + key
        entries[key] = Entry(
            msgid=fields["msgid"],
            plural=fields.get("msgid_plural"),
            forms=forms or [fields.get("msgstr", "")],
            fuzzy="#, fuzzy" in block,
        )
    return entries


def catalogue(folder: str) -> dict[str, Entry]:
    return po_entries(LOCALE / folder / "LC_MESSAGES" / "django.po")


def test_the_site_offers_the_six_un_languages():
    assert {code for code, _name in settings.LANGUAGES} == {"ar", "zh-hans", "en", "fr", "ru", "es"}


@pytest.mark.parametrize("folder", CATALOGUES)
def test_every_entry_is_translated_in_every_plural_form_and_none_is_fuzzy(folder):
    entries = catalogue(folder)
    assert len(entries) > 1000
    forms = CATALOGUES[folder]
    missing = [
        key
        for key, entry in entries.items()
        if entry.fuzzy or not all(entry.forms) or len(entry.forms) != (forms if entry.plural else 1)
    ]
    assert missing == [], f"{folder}: {len(missing)} entries missing or fuzzy, first {missing[:5]}"


@pytest.mark.parametrize("folder", CATALOGUES)
def test_every_translation_keeps_the_placeholders_of_its_source(folder):
    broken = []
    for key, entry in catalogue(folder).items():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for form in entry.forms:
            if not form:
                continue
            found = sorted(PLACEHOLDER.findall(form))
            # A plural form may leave the count out ("one comment" for 1).
            if found != wanted and not (entry.plural and set(found) <= set(wanted)):
                broken.append(key)
    assert broken == [], f"{folder}: placeholders differ in {broken[:5]}"


@pytest.mark.parametrize("folder", CATALOGUES)
def test_a_catalogue_is_not_english_copied_through(folder):
    entries = catalogue(folder)
    # Names of formats and acronyms read the same in every language; sentences do not.
    sentences = [e for e in entries.values() if len(e.msgid.split()) >= 4]
    copied = [e.msgid for e in sentences if e.forms[0] == e.msgid]
    assert len(copied) <= len(sentences) // 50, f"{folder}: left in English: {copied[:5]}"


@pytest.mark.parametrize("folder", CATALOGUES)
def test_the_compiled_catalogue_matches_its_source(folder):
    with open(LOCALE / folder / "LC_MESSAGES" / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for key, entry in catalogue(folder).items():
        if CONTEXT in key:
            context, bare = key.split(CONTEXT)
            assert compiled.pgettext(context, bare) == entry.forms[0], key
        elif entry.plural:
            assert compiled.ngettext(entry.msgid, entry.plural, 1) in entry.forms, key
        else:
            assert compiled.gettext(entry.msgid) == entry.forms[0], key


def test_the_catalogues_hold_every_string_the_code_and_templates_mark(tmp_path):
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: make test installs Debian's gettext package")
    copy = tmp_path / "commonweal"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    languages = [arg for folder in CATALOGUES for arg in ("-l", folder)]
    subprocess.run(
        [sys.executable, "-m", "commonweal", "makemessages", "--no-obsolete", "--no-location"]
        + languages
        + ["-v0"],
        cwd=copy,
        check=True,
        timeout=300,
    )
    for folder in CATALOGUES:
        fresh = po_entries(copy / "locale" / folder / "LC_MESSAGES" / "django.po")
        shipped = catalogue(folder)
        assert set(fresh) - set(shipped) == set(), f"{folder}: run `make messages` and translate"
        assert set(shipped) - set(fresh) == set(), f"{folder}: stale entries; run `make messages`"


@pytest.mark.django_db
def test_the_home_page_speaks_chinese_to_a_chinese_browser(client):
    response = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    page = response.content.decode()
    assert 'lang="zh-hans"' in page
    assert "Commonweal 做什么" in page
    assert "What Commonweal does" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "lang", "direction"),
    [
        ("ar", "ar", "rtl"),
        ("fr-FR,fr;q=0.9", "fr", "ltr"),
        ("ru", "ru", "ltr"),
        ("es-419", "es", "ltr"),
    ],
)
def test_each_language_is_chosen_from_the_browser_and_laid_out_in_its_direction(
    client, header, lang, direction
):
    page = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE=header).content.decode()
    assert f'lang="{lang}"' in page and f'dir="{direction}"' in page
    assert "What Commonweal does" not in page


def test_the_server_error_page_speaks_every_language_in_its_direction(rf):
    """The 500 page is plain HTML (nothing the failure could involve), so it carries every
    language the site ships rather than the reader's alone."""
    from django.views.defaults import server_error

    page = server_error(rf.get("/")).content.decode()
    languages = {code.lower() for code in re.findall(r'\slang="([^"]+)"', page)}
    assert languages == {code for code, _name in settings.LANGUAGES}
    assert re.search(r'<div lang="ar" dir="rtl">', page)
