"""The meeting header at the top of a transcript: title, date, time range, zone, place.

ICANN prints three lines in every language edition::

    神户 — ICANN 董事会与 NCSG 联合会议
    2019 年 3 月 12 日（星期二）— 08:30 至 09:30 JST
    ICANN64 | 日本神户

    KOBE – ICANN Board and NCSG Joint Meeting
    Tuesday, March 12, 2019 – 08:30 to 09:30 JST
    ICANN64 | Kobe, Japan

and the other editions the same way: "Lundi 24 juin 2019 – 10h30 à 11h00 WET", "Lunes,
24 de junio de 2019 – 10:30 a 11:00 WET", "Понедельник, 24 июня 2019 г. – с 10:30 до
11:00 WET", "الاثنين، 24 يونيو 2019 – من 10:30 إلى 11:00 بتوقيت WET".

The patterns are built from the word tables in ``languages`` (month names, the word for
"to", words before a zone), so another language is a table of words away.
"""

from __future__ import annotations

import re
from datetime import date

from commonweal.transcript.languages import MONTHS, RANGE_WORDS, TIMEZONES, ZONE_WORDS
from commonweal.transcript.model import Header

_MONTH_NAMES = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(
        rf"(?P<mon>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?P<d>\d{{1,2}})(?:er|º|st|nd|rd|th)?\s+(?:de\s+)?(?P<mon>{_MONTH_NAMES})\.?,?"
        rf"\s+(?:de\s+)?(?P<y>\d{{4}})",
        re.IGNORECASE,
    ),
)
_RANGE = "|".join(re.escape(word) for word in RANGE_WORDS)
_ZONE_WORDS = "|".join(re.escape(word) for word in ZONE_WORDS)
# "08:30", "10h30", "10 h 30" (French spaces the h).
_CLOCK_MARK = r"(?:[:.：]|\s?h\s?)"
_TIME_RANGE = re.compile(
    rf"(?<!\d)(?P<h1>\d{{1,2}}){_CLOCK_MARK}(?P<m1>\d{{2}})\s*(?:{_RANGE}|[-–—~～])\s*"
    rf"(?P<h2>\d{{1,2}}){_CLOCK_MARK}(?P<m2>\d{{2}})"
    rf"(?:\s*(?:(?:{_ZONE_WORDS})\s*)?(?P<tz>[A-Z]{{2,5}}(?:\s*[+-]\s*\d{{1,2}}(?::\d{{2}})?)?))?",
    re.IGNORECASE,
)
_EVENT = re.compile(r"^\s*(?P<event>[^|]{1,60}?)\s*\|\s*(?P<place>.+?)\s*$")


# A line that states a meeting's date is short; searching only its start keeps a
# hostile file made of one giant line from costing seconds per megabyte.
DATE_LINE_CHARS = 300


def find_date(line: str) -> str | None:
    """The ISO date a line states (within its first DATE_LINE_CHARS characters), if valid."""
    start = line[:DATE_LINE_CHARS]
    for pattern in _DATE_PATTERNS:
        found = pattern.search(start)
        if not found:
            continue
        groups = found.groupdict()
        month = int(groups["m"]) if groups.get("m") else MONTHS[groups["mon"].lower()]
        try:
            return date(int(groups["y"]), month, int(groups["d"])).isoformat()
        except ValueError:
            continue
    return None


def find_time_range(line: str) -> tuple[str, str, str | None] | None:
    """(start, end, zone) from "08:30 至 09:30 JST"; None if the line has no valid range."""
    found = _TIME_RANGE.search(line)
    if not found:
        return None
    h1, m1, h2, m2 = (int(found[name]) for name in ("h1", "m1", "h2", "m2"))
    if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60):
        return None
    zone = found["tz"]
    if zone and not _is_zone(zone):
        zone = None
    return f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}", zone


def _is_zone(zone: str) -> bool:
    base = re.split(r"\s*[+-]", zone)[0].upper()
    return base in TIMEZONES or base in ("UTC", "GMT")


def utc_offset(zone: str | None) -> str | None:
    """ "+09:00" for "JST", and explicit offsets such as "UTC+2" normalised."""
    if not zone:
        return None
    explicit = re.fullmatch(r"(?i)(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::(\d{2}))?", zone)
    if explicit:
        sign, hours, minutes = explicit.groups()
        return f"{sign}{int(hours):02d}:{minutes or '00'}"
    return TIMEZONES.get(zone.upper())


def parse_header(lines: list[str]) -> Header | None:
    """A Header from the lines before the first speaker, or None when they hold no date.

    The line with the date is the anchor: the line before it is the title, the line
    after it (when it reads "EVENT | PLACE" or is short) the place.
    """
    for position, line in enumerate(lines):
        when = find_date(line)
        if when is None:
            continue
        header = Header(date=when)
        time_range = find_time_range(line)
        if time_range:
            header.start, header.end, header.timezone = time_range
            header.utc_offset = utc_offset(header.timezone)
        if position > 0:
            header.title = lines[position - 1].strip()
        if position + 1 < len(lines):
            _read_place(lines[position + 1], header)
        return header
    return None


def header_line_count(lines: list[str], header: Header) -> int:
    """How many of ``lines`` the header used (title, date line, place line)."""
    for position, line in enumerate(lines):
        if find_date(line):
            used = position + 1
            if header.place is not None:
                used += 1
            return used
    return 0


def _read_place(line: str, header: Header) -> None:
    found = _EVENT.match(line)
    if found:
        header.event, header.place = found["event"], found["place"]
    elif len(line.strip()) <= 60 and not re.search(r"[。！？.!?:：]\s*$", line.strip()):
        header.place = line.strip()
