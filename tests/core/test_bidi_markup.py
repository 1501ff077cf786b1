"""Pages rendered in Arabic keep every name, title, comment, amount, code and range in
its own direction: each sits in a <bdi> or an element with its own dir, so the browser
cannot reorder it with the Arabic around it (the layout itself is checked in Chromium
by tests/browser/test_arabic_pages.py). Read with the standard library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from commonweal.community.models import Membership

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def _plain(text: str) -> str:
    return " ".join(text.split())


def arabic_page(client, url: str) -> tuple[Node, str]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    html = response.content.decode()
    builder = _Builder()
    builder.feed(html)
    return builder.root, html


def holders(root: Node, text: str) -> list[Node]:
    """The innermost elements whose whole text is ``text``: where it shows on the page."""
    wanted = _plain(text)
    found = [node for node in root.elements() if _plain(node.text()) == wanted]
    return [
        node
        for node in found
        if not any(isinstance(c, Node) and _plain(c.text()) == wanted for c in node.children)
    ]


def _isolating(node: Node, direction: str | None) -> bool:
    if direction is not None:
        return node.attrs.get("dir") == direction
    return node.tag == "bdi" or "dir" in node.attrs


def isolated(root: Node, text: str, direction: str | None = None) -> bool:
    """``text`` shows on the page, and everywhere it shows it is a <bdi> or has its own
    dir (``direction`` when given), or is the one paragraph of such a block (a comment's
    <p> in its <div dir="auto">). A select's options are left out: each is its own line."""
    places = [node for node in holders(root, text) if node.tag != "option"]
    return bool(places) and all(
        _isolating(node, direction) or (node.tag == "p" and _isolating(node.parent, direction))
        for node in places
    )


def test_the_switcher_names_each_language_in_itself_and_arabic_turns_the_page(client, db):
    root, _html = arabic_page(client, reverse("site:home"))
    html_element = next(node for node in root.elements() if node.tag == "html")
    assert (html_element.attrs["lang"], html_element.attrs["dir"]) == ("ar", "rtl")
    buttons = {
        node.attrs["value"]: (node.text(), node.attrs["lang"], node.attrs["dir"])
        for node in root.elements()
        if node.tag == "button" and node.attrs.get("name") == "language"
    }
    assert buttons == {
        "ar": ("العربيّة", "ar", "rtl"),
        "zh-hans": ("简体中文", "zh-hans", "ltr"),
        "en": ("English", "en", "ltr"),
        "fr": ("français", "fr", "ltr"),
        "ru": ("Русский", "ru", "ltr"),
        "es": ("español", "es", "ltr"),
    }


def test_names_on_group_and_people_pages_are_isolated(client, make_group, make_person):
    group = make_group("ncsg", name="Non-Commercial Stakeholder Group", acronym="NCSG")
    person = make_person("Stephanie Perrin")
    Membership.objects.create(person=person, group=group, title="Chair.")
    root, _html = arabic_page(client, group.get_absolute_url())
    assert isolated(root, "Stephanie Perrin") and isolated(root, "Chair.")
    root, _html = arabic_page(client, reverse("community:people"))
    assert isolated(root, "Stephanie Perrin") and isolated(root, str(group))
    root, _html = arabic_page(client, reverse("community:groups"))
    assert isolated(root, "Non-Commercial Stakeholder Group") and isolated(root, "NCSG")


def test_a_recommendation_in_arabic_isolates_its_reference_title_comment_and_amounts(
    client, make_recommendation, make_user
):
    from commonweal.discussion.services import comment_post

    recommendation = make_recommendation(
        "WS2-7", title="Measure the floor.", one_time=130000, recurring="2500.50"
    )
    author = make_user()
    comment_post(target=recommendation, author=author, text="Fund it this year!")
    root, html = arabic_page(client, recommendation.get_absolute_url())
    assert isolated(root, "WS2-7", "ltr")
    assert isolated(root, "Measure the floor.")
    assert isolated(root, author.person.display_name)
    assert isolated(root, "Fund it this year!")
    # Amounts grouped as CLDR writes Arabic, in Western digits; never "130000,00".
    assert "\u200f130,000\xa0US$" in html and "\u200f2,500.50\xa0US$" in html
    assert "130000" not in html and not ARABIC_INDIC_DIGITS.search(html)
    root, html = arabic_page(client, reverse("recommendations:list"))
    assert isolated(root, "WS2-7", "ltr") and isolated(root, "Measure the floor.")


def test_a_ballot_in_arabic_keeps_receipts_and_references_left_to_right(
    client, make_round, make_recommendation, make_group, make_user
):
    from commonweal.rounds.services import ballot_submit

    group = make_group("ncuc", name="Non-Commercial Users Constituency")
    voter = make_user()
    Membership.objects.create(person=voter.person, group=group)
    voting_round = make_round(
        title="Priorities for 2027",
        recommendations=[make_recommendation("OUT-1", title="Outreach in underserved regions")],
        voter_groups=[group],
    )
    ballot = ballot_submit(
        voting_round=voting_round, user=voter, group=group, choices=[("OUT-1", 1)]
    )
    client.force_login(voter)
    root, html = arabic_page(client, reverse("rounds:ballot", kwargs={"pk": voting_round.pk}))
    assert isolated(root, ballot.receipt, "ltr")
    assert isolated(root, "OUT-1", "ltr")
    assert isolated(root, "Outreach in underserved regions")
    assert isolated(root, "Priorities for 2027")
    assert isolated(root, ballot.receipt[:16], "ltr")  # in "its receipt … becomes void"
    root, _html = arabic_page(client, voting_round.get_absolute_url())
    assert isolated(root, "Non-Commercial Users Constituency")
    assert isolated(root, "Outreach in underserved regions")


def test_the_dashboard_in_arabic_runs_time_from_the_right_and_isolates_group_names(
    client, make_group, make_person
):
    from tests.metrics.metrics_record import build_record

    build_record(make_group, make_person)
    root, html = arabic_page(client, reverse("metrics:community"))
    columns = {
        node.children[0].text().split(":")[0]: float(node.attrs["x"])
        for node in root.elements()
        if node.tag == "rect" and node.children
    }
    assert columns["2024-Q1"] > columns["2024-Q2"]  # the first quarter at the right
    # The floor bars name each group in a <bdi> (the data tables are metrics/_table.html's).
    labels = [node for node in root.elements() if node.attrs.get("class") == "bar-label"]
    names = [child for label in labels for child in label.children if isinstance(child, Node)]
    assert {(node.tag, node.text()) for node in names} >= {("bdi", "Alpha"), ("bdi", "Beta")}
    assert not ARABIC_INDIC_DIGITS.search(html)


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_money_on_a_page_is_grouped_with_the_languages_own_marks(
    client, make_recommendation, language
):
    recommendation = make_recommendation("R-9", one_time=130000, recurring="2500.50")
    html = client.get(recommendation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    page = html.content.decode()
    expected = {"fr": "130\u202f000", "es": "130.000", "ru": "130\xa0000"}[language]
    assert expected in page and "130000" not in page
