"""One colour per stakeholder group, the same on every meeting, and legible on the page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.community.colours import PALETTE, contrast_ratio, validate_group_colour


def test_a_pale_colour_is_refused_with_its_contrast_named():
    with pytest.raises(ValidationError) as refused:
        validate_group_colour("#ffff66")
    message = refused.value.messages[0]
    assert "#ffff66" in message and "1.1:1" in message and "3:1 at least" in message
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        validate_group_colour("blue")
    validate_group_colour("#1f5fa8")  # the palette's blue passes


def test_every_palette_colour_stands_out_from_the_page_and_from_black_text():
    # WCAG's published figures: black on white is 21:1, #777777 on white about 4.48:1.
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert all(contrast_ratio(colour, "#ffffff") >= 4.5 for colour in PALETTE)
    assert len(set(PALETTE)) == len(PALETTE)


def test_new_groups_take_the_colours_fewest_groups_have(make_group):
    groups = [make_group() for _ in range(len(PALETTE) + 1)]
    assert [group.colour for group in groups[: len(PALETTE)]] == list(PALETTE)
    assert groups[-1].colour == PALETTE[0]  # all used once: the first comes round again
    chosen = make_group(colour="#123456")
    chosen.refresh_from_db()
    assert chosen.colour == "#123456"


def _meeting_where(first, second, *, first_share: float):
    from commonweal.meetings.models import Meeting, Participant, Turn

    meeting = Meeting.objects.create(
        title=f"Session {first_share}", identity=str(first_share), content_hash=str(first_share)
    )
    for index, (group, share) in enumerate(((first, first_share), (second, 1 - first_share))):
        speaker = Participant.objects.create(
            meeting=meeting, label=f"S{index}", group=group, share=share
        )
        Turn.objects.create(
            meeting=meeting, index=index, participant=speaker, group=group, text="Hello."
        )
    return meeting


def test_a_group_keeps_its_colour_on_every_meeting_page(client, make_group):
    ncsg, alac = make_group("ncsg", acronym="NCSG"), make_group("alac", acronym="ALAC")
    pages = []
    for share in (0.8, 0.2):  # NCSG holds the floor in one meeting, ALAC in the other
        meeting = _meeting_where(ncsg, alac, first_share=share)
        pages.append(client.get(meeting.get_absolute_url()).content.decode())
    for page in pages:
        legend = re.search(r'<p class="legend">(.*?)</p>', page).group(1)
        assert (
            f'--group: {ncsg.colour}"></span> <a href="{ncsg.get_absolute_url()}"><bdi>NCSG'
            in legend
        )
        assert (
            f'--group: {alac.colour}"></span> <a href="{alac.get_absolute_url()}"><bdi>ALAC'
            in legend
        )
        assert page.count(f'style="--group: {ncsg.colour}"') >= 2  # the swatch and the turn
    assert ncsg.colour != alac.colour


def test_the_dashboard_draws_each_group_in_its_colour(client, make_group):
    ncsg, alac = make_group("ncsg", acronym="NCSG"), make_group("alac", acronym="ALAC")
    _meeting_where(ncsg, alac, first_share=0.7)
    page = client.get(reverse("metrics:community")).content.decode()
    assert f"background: {ncsg.colour}" in page and f"background: {alac.colour}" in page
