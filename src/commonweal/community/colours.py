"""One colour per stakeholder group, the same on every page, legible on the page.

A group's colour is stored on the group. A new group takes the palette colour fewest
groups have yet (the palette's order breaks ties), and a colour chosen by hand must stand
out from the white page as WCAG asks of the parts of a chart: a contrast ratio of 3:1 at
least (WCAG 2.2, 1.4.11 Non-text Contrast).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Eight colours told apart by most people, each at least 4.5:1 against white.
PALETTE = (
    "#1f5fa8",  # blue
    "#c05621",  # orange
    "#2f855a",  # green
    "#805ad5",  # purple
    "#b83280",  # pink
    "#2c7a7b",  # teal
    "#975a16",  # brown
    "#4a5568",  # slate
)
PAGE_BACKGROUND = "#ffffff"
MINIMUM_CONTRAST = 3.0
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour, 0 (black) to 1 (white)."""
    channels = [int(colour[start : start + 2], 16) / 255 for start in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_group_colour(value: str) -> None:
    """A #rrggbb colour that stands out from the page (3:1 at least)."""
    if not _HEX.match(value or ""):
        raise ValidationError(
            _("Write the colour as # and six hexadecimal digits, such as #1f5fa8."),
            code="format",
        )
    ratio = contrast_ratio(value, PAGE_BACKGROUND)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "%(colour)s stands out from the white page by %(ratio).1f:1 only; choose a "
                "darker colour (3:1 at least), so that people with low vision can tell it."
            ),
            code="contrast",
            params={"colour": value, "ratio": ratio},
        )


def next_palette_colour(used: list[str]) -> str:
    """The palette colour fewest groups have, given the colours groups already use."""
    counts = {colour: 0 for colour in PALETTE}
    for colour in used:
        if colour.lower() in counts:
            counts[colour.lower()] += 1
    return min(PALETTE, key=lambda colour: (counts[colour], PALETTE.index(colour)))
