"""Small checks the course-folder reader applies to each value, collecting problems."""

from __future__ import annotations

import re

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
MAX_TEXT = 1000  # characters of a title, summary, question or choice


class Problems(list):
    """Every "FILE:LINE: message" found, in the order found."""

    def add(self, at: str, message: str) -> None:
        self.append(f"{at}: {message}")


def texts(
    value, what: str, at: str, problems: Problems, language: str, required: bool = True
) -> dict[str, str]:
    """A text in several languages: a mapping of language code to text, or one text, which
    is then in ``language`` (the course's source language)."""
    if value is None or value == "" or (isinstance(value, dict) and set(value) <= {"__line__"}):
        if required:
            problems.add(at, f"{what} is missing")
        return {}
    if isinstance(value, str | int | float) and not isinstance(value, bool) and language:
        value = {language: value}
    if not isinstance(value, dict):
        problems.add(at, f"{what} must be a text or a mapping of language to text")
        return {}
    found: dict[str, str] = {}
    for code, text in value.items():
        if code == "__line__":
            continue
        if not isinstance(code, str) or not LANGUAGE.match(code):
            problems.add(at, f"{what}: {code!r} is not a language code such as en or zh-hans")
        elif not isinstance(text, str | int | float) or isinstance(text, bool):
            problems.add(at, f"{what} in {code} must be text")
        elif len(str(text)) > MAX_TEXT:
            problems.add(at, f"{what} in {code} is longer than {MAX_TEXT} characters")
        else:
            found[code] = str(text)
    if required and language and language not in found:
        problems.add(at, f"{what} has no {language} text, the course's source language")
    return found


def whole_number(value, what: str, at: str, problems: Problems, *, top: int = 100) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        problems.add(at, f"{what} must be a whole number from 0 to {top}")
        return 0
    return value
