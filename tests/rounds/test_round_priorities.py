"""Closing a round, the published priority list, its downloads and its comments."""

import csv
import hashlib
import io
import json

import pytest
from django.contrib import admin
from django.urls import reverse

from commonweal.rounds.models import Ballot, Participation, Round
from commonweal.rounds.services import round_close

pytestmark = pytest.mark.django_db


def _url(name, round_):
    return reverse(f"rounds:{name}", kwargs={"pk": round_.pk})


def _page(response) -> str:
    return response.content.decode()


def test_before_the_count_the_list_says_it_is_published_when_voting_closes(client, planned_round):
    page = _page(client.get(_url("priorities", planned_round)))
    assert "published here when voting closes" in page
    for name in ("pabulib", "export_csv", "export_json"):
        assert client.get(_url(name, planned_round)).status_code == 404, name


def test_the_secretariat_closes_voting_and_lands_on_the_published_list(
    client, role_users, planned_round
):
    client.force_login(role_users["secretariat"])
    assert client.get(_url("close", planned_round)).status_code == 405
    asked = client.post(_url("close", planned_round))
    assert "Voting ends now for everyone" in _page(asked)
    assert not Round.objects.get(pk=planned_round.pk).is_counted
    response = client.post(_url("close", planned_round), {"confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == _url("priorities", planned_round)
    assert "the priority list is published" in _page(response)
    # Closing early is said on the published list; the planned close, a rule, is kept.
    assert "closed voting before the planned close" in _page(response)
    planned_closes = planned_round.closes_at
    planned_round.refresh_from_db()
    assert planned_round.is_counted
    assert planned_round.closes_at == planned_closes


def test_nobody_else_can_close_a_round(client, role_users, planned_round):
    assert client.post(_url("close", planned_round)).status_code == 302  # to sign in
    for role in ("participant", "coordinator", "board", "ombudsman"):
        client.force_login(role_users[role])
        assert client.post(_url("close", planned_round)).status_code == 403, role
    planned_round.refresh_from_db()
    assert not planned_round.is_counted


def test_a_round_not_yet_open_cannot_be_closed_and_says_why(
    client, role_users, make_round, make_recommendation
):
    import datetime

    from django.utils import timezone

    round_ = make_round(
        recommendations=[make_recommendation("L-1")],
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    client.force_login(role_users["secretariat"])
    response = client.post(_url("close", round_), follow=True)
    assert "Voting has not opened yet; there is nothing to count." in _page(response)
    round_.refresh_from_db()
    assert not round_.is_counted


def test_the_priority_list_shows_what_is_funded_each_year_and_why_the_rest_is_not(
    client, planned_round
):
    round_close(voting_round=planned_round)
    page = _page(client.get(_url("priorities", planned_round)))
    assert "Funded starting in 2027" in page
    assert "Funded starting in 2028" in page
    assert "Chosen by the vote, not in the plan" in page
    assert "Not selected" in page
    for row in planned_round.__class__.objects.get(pk=planned_round.pk).result["items"]:
        assert f'<span lang="en">{row["reason"]}</span>' in page.replace("&#x27;", "'")
    assert "Title of A" in page
    for item in planned_round.items.select_related("recommendation"):
        assert f'href="{item.recommendation.get_absolute_url()}"' in page
    # Spending against each year's budget, as bars and as a table.
    assert 'role="img" aria-label="Spending per year against the budget"' in page
    assert "Registries Stakeholder Group" in page
    assert "Each voting group weighs the same" in page


def test_the_deferred_item_sits_under_no_room_and_the_rest_under_their_years(client, planned_round):
    result = round_close(voting_round=planned_round).result
    statuses = {row["id"]: row["status"] for row in result["items"]}
    assert sorted(statuses.values()) == ["deferred", "funded", "funded", "not-selected"]
    page = _page(client.get(_url("priorities", planned_round)))
    deferred = next(ref for ref, status in statuses.items() if status == "deferred")
    no_room = page.index("Chosen by the vote, not in the plan")
    not_selected = page.index('id="not-selected"')
    assert no_room < page.index(f'id="item-{deferred}"') < not_selected
    assert page.index('id="item-D"') > not_selected


def test_anyone_can_recount_from_the_published_file(client, planned_round):
    result = round_close(voting_round=planned_round).result
    page = _page(client.get(_url("priorities", planned_round)))
    assert f"commonweal prioritize round-{planned_round.pk}.pb --rule greedy" in page
    assert result["pabulib_sha256"] in page
    response = client.get(_url("pabulib", planned_round))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f'filename="round-{planned_round.pk}.pb"' in response["Content-Disposition"]
    body = response.getvalue()
    assert hashlib.sha256(body).hexdigest() == result["pabulib_sha256"]
    text = body.decode()
    for ballot in Ballot.objects.all():
        assert ballot.receipt[:16] in text
    for participation in Participation.objects.select_related("user"):
        assert participation.user.email not in text


def test_the_priority_list_downloads_as_csv_and_json(client, planned_round, make_recommendation):
    round_close(voting_round=planned_round)
    response = client.get(_url("export_csv", planned_round))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["id"] for row in rows] == ["A", "B", "C", "D"]
    assert {row["status"] for row in rows} == {"funded", "deferred", "not-selected"}
    assert all(row["reason"] for row in rows)
    document = json.loads(client.get(_url("export_json", planned_round)).content)
    assert document["rule"] == "greedy"
    assert [year["year"] for year in document["spending"]] == ["2027", "2028"]
    assert document["items"][0]["id"] == "A"


def test_a_title_that_looks_like_a_formula_is_neutralised_in_the_csv(
    client, make_round, make_recommendation
):
    round_ = make_round(recommendations=[make_recommendation("F-1", title="=HYPERLINK(1)")])
    round_close(voting_round=round_)
    rows = list(csv.reader(io.StringIO(client.get(_url("export_csv", round_)).content.decode())))
    assert rows[1][1] == "'=HYPERLINK(1)"


# --- admin ------------------------------------------------------------------------------


def test_ballots_are_not_in_the_admin_and_rounds_and_participation_are_read(
    admin_client, planned_round, role_users
):
    assert Ballot not in admin.site._registry
    round_close(voting_round=planned_round)
    participation = Participation.objects.first()
    for name, pk in (
        ("round", planned_round.pk),
        ("participation", participation.pk),
    ):
        for view, args in (("changelist", []), ("change", [pk])):
            url = reverse(f"admin:rounds_{name}_{view}", args=args)
            response = admin_client.get(url, {"q": "ncsg"} if view == "changelist" else None)
            assert response.status_code == 200, url
    page = _page(admin_client.get(reverse("admin:rounds_round_change", args=[planned_round.pk])))
    assert "Title of A" in page
    for ballot in Ballot.objects.all():
        assert ballot.receipt[:16] not in page


def test_a_chinese_reader_sees_the_registry_s_chinese_titles_on_the_list(client, planned_round):
    from commonweal.recommendations.models import Recommendation
    from commonweal.recommendations.services import translation_set

    translation_set(
        recommendation=Recommendation.objects.get(reference="A"),
        language="zh-hans",
        title="公布年度问责报告",
        text="每年公布一份问责报告。",
    )
    round_close(voting_round=planned_round)
    chinese = _page(client.get(_url("priorities", planned_round), HTTP_ACCEPT_LANGUAGE="zh-hans"))
    english = _page(client.get(_url("priorities", planned_round), HTTP_ACCEPT_LANGUAGE="en"))
    assert "公布年度问责报告" in chinese and "Title of A" not in chinese
    assert "Title of A" in english and "公布年度问责报告" not in english
