"""The stylesheet and the templates' style attributes use logical properties only
(margin-inline-start, text-align: start…), never left or right, so that an Arabic page
is the English one mirrored, with nothing left pointing the wrong way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import commonweal

PACKAGE = Path(commonweal.__file__).parent
STYLESHEET = PACKAGE / "core" / "static" / "commonweal" / "site.css"
TEMPLATES = PACKAGE / "templates"
# Shorthands whose four values run top, right, bottom, left.
FOUR_SIDES = {
    "margin",
    "padding",
    "inset",
    "border-width",
    "border-style",
    "border-color",
    "scroll-margin",
    "scroll-padding",
}
DECLARATION = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;{}]+)")


def physical(property_name: str, value: str) -> bool:
    """Whether a declaration names a side of the screen rather than of the text."""
    name, value = property_name.strip().lower(), " ".join(value.lower().split())
    if re.search(r"\b(left|right)\b", name) or re.search(r"\b(left|right)\b", value):
        return True
    values = value.replace("!important", "").split()
    if name in FOUR_SIDES and len(values) == 4 and values[1] != values[3]:
        return True
    return name == "border-radius" and len(set(values)) > 1


def declarations(css: str) -> list[tuple[str, str]]:
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = re.findall(r"\{([^{}]*)\}", without_comments)
    return [pair for body in rules for pair in DECLARATION.findall(body)]


def style_attributes() -> list[tuple[str, str]]:
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        for style in re.findall(r'\sstyle="([^"]*)"', template.read_text(encoding="utf-8")):
            # Template tags inside the attribute ({{ width }}) are not CSS: drop them.
            plain = re.sub(r"\{[{%].*?[%}]\}", "0", style)
            found.extend((template.name, f"{n}: {v}") for n, v in DECLARATION.findall(plain))
    return found


@pytest.mark.parametrize(
    ("declaration", "is_physical"),
    [
        ("margin-left: 1rem", True),
        ("padding-right: 0", True),
        ("text-align: right", True),
        ("float: left", True),
        ("left: 0", True),
        ("border-left: 2px solid", True),
        ("margin: 0 1rem 0 2rem", True),
        ("border-radius: 4px 0 0 4px", True),
        ("margin-inline-start: 1rem", False),
        ("inset-inline-start: 0", False),
        ("text-align: start", False),
        ("margin: 0 auto", False),
        ("margin: .25rem 0 .75rem", False),
        ("padding: 1px 2px 3px 2px", False),
        ("border-radius: 4px", False),
    ],
)
def test_the_check_tells_a_physical_side_from_a_logical_one(declaration, is_physical):
    name, value = declaration.split(":", 1)
    assert physical(name, value) is is_physical


def test_the_stylesheet_names_no_physical_side():
    css = STYLESHEET.read_text(encoding="utf-8")
    found = [f"{name}: {value.strip()}" for name, value in declarations(css)]
    assert len(found) > 100  # the parser read the stylesheet
    assert [d for d in found if physical(*d.split(":", 1))] == []


def test_the_stylesheet_has_no_stray_text_that_would_drop_a_rule():
    """A comment closed twice leaves words outside any rule; the browser then skips the
    rule after them."""
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    assert "*/" not in css
    outside = re.sub(r"\{[^{}]*\}", "", re.sub(r"@media[^{]*\{(.*?)\}\s*\}", "", css, flags=re.S))
    for selector in filter(None, (line.strip() for line in outside.splitlines())):
        assert re.fullmatch(r"[\w\s.#,:>\[\]=\"'()*~+-]+", selector), selector


def test_no_template_styles_a_physical_side():
    found = style_attributes()
    assert found  # the templates do set some widths and colours inline
    assert [(name, d) for name, d in found if physical(*d.split(":", 1))] == []
