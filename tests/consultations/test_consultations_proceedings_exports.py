"""A proceeding's published submissions as CSV and JSON; and the proceeding as a thing
people follow."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse

from commonweal.consultations.services.proceedings import submission_create, submission_submit
from commonweal.core import follows
from tests.consultations.fixtures_proceedings import *  # noqa: F403  (fixtures, found by name)


def _published(proceeding, author, text, group=None):
    made = submission_create(proceeding=proceeding, author=author, text=text, on_behalf_of=group)
    return submission_submit(submission=made, by=author)


def test_the_csv_holds_published_submissions_with_formulas_neutralised(
    client, role_users, member, open_proceeding
):
    _published(open_proceeding, role_users["participant"], "=cmd|' /C calc'!A0")
    _published(open_proceeding, member, "Waiting.", group=role_users["groups"]["ncsg"])
    url = reverse("consultations:submissions_csv", kwargs={"pk": open_proceeding.pk})
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["text"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["url"].endswith(
        f"/consultations/{open_proceeding.pk}/#submission-{rows[0]['id']}"
    )


def test_the_json_parses_and_names_its_format(client, role_users, member, open_proceeding):
    ncsg = role_users["groups"]["ncsg"]
    ours = _published(open_proceeding, member, "Ours.", group=ncsg)
    from commonweal.consultations.services.proceedings import submission_endorse

    submission_endorse(submission=ours, by=role_users["coordinator"])
    url = reverse("consultations:submissions_json", kwargs={"pk": open_proceeding.pk})
    data = json.loads(client.get(url).content)
    assert data["format"] == "commonweal-submissions/1"
    assert data["proceeding"]["title"] == "Registration data policy"
    assert data["proceeding"]["groups"] == ["ncsg"]
    [record] = data["submissions"]
    assert record["on_behalf_of"] == "ncsg" and record["text"] == "Ours."
    assert set(record) == {
        "id",
        "proceeding",
        "author",
        "on_behalf_of",
        "language",
        "submitted_at",
        "published_at",
        "text",
        "report_response",
        "url",
    }


def test_a_published_proceeding_is_followable_and_a_draft_names_nothing(
    proceedings_followable, open_proceeding, make_proceeding, role_users
):
    followable = follows.followable(follows.PROCEEDING)
    key = str(open_proceeding.pk)
    assert followable.label(key) == "Registration data policy"
    assert followable.url(key) == open_proceeding.get_absolute_url()
    assert followable.groups(key) == [role_users["groups"]["ncsg"].pk]
    draft = make_proceeding(published=False)
    assert followable.label(str(draft.pk)) is None
    assert followable.label("999999") is None and followable.label("x") is None
