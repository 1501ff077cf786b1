"""Flagging as important: who may, the preview before sending, the reason and groups kept
on the public record, what reaches the groups' members and why, and the daily limit."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from commonweal.consultations.models import Event, Notification
from commonweal.consultations.services.alerts import ALERTS_PER_DAY, AlertError, alert_flag
from tests.consultations.fixtures_follows import *  # noqa: F403  (fixtures, found by name)

pytestmark = pytest.mark.django_db

FLAG = reverse("consultations:flag")
ALERTS = reverse("consultations:alerts")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_participant_may_not_flag_and_a_visitor_is_asked_to_sign_in(client, role_users):
    assert client.get(FLAG).status_code == 302
    assert reverse("accounts:login") in client.get(FLAG).url
    assert signed_in(client, role_users["participant"]).get(FLAG).status_code == 403


@pytest.mark.parametrize("role", ["board", "secretariat", "coordinator", "administrator"])
def test_board_members_staff_and_coordinators_may_flag(client, role_users, role):
    assert signed_in(client, role_users[role]).get(FLAG).status_code == 200


def test_a_board_member_flags_a_group_after_seeing_it_and_its_members_hear_why(
    client, role_users, ncsg_member, django_capture_on_commit_callbacks
):
    ncsg = role_users["groups"]["ncsg"]
    client = signed_in(client, role_users["board"])
    about = {"kind": "group", "subject": str(ncsg.pk)}
    form = client.get(f"{FLAG}?{urlencode(about)}").content.decode()
    assert 'value="NCSG"' in form  # the title, from the thing flagged
    sent = {**about, "title": "NCSG charter", "reason": "Vote on it by Friday.", "groups": ncsg.pk}
    preview = client.post(FLAG, sent).content.decode()
    assert "Check it before it goes" in preview and "Vote on it by Friday." in preview
    assert not Event.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(FLAG, {**sent, "confirm": "1"})
    assert answer.url == ALERTS
    alert = Event.objects.get(event="alert")
    assert (alert.kind, alert.subject, alert.url) == (
        "group",
        str(ncsg.pk),
        ncsg.get_absolute_url(),
    )
    assert (alert.reason, alert.sender) == ("Vote on it by Friday.", role_users["board"])
    assert list(alert.groups.all()) == [ncsg]
    notification = Notification.objects.get(user=ncsg_member, event=alert)
    assert notification.why == Notification.Why.ALERT_MEMBER

    record = client.logout() or client.get(ALERTS).content.decode()
    assert "NCSG charter" in record and "Vote on it by Friday." in record
    assert f"Flagged by <bdi>{role_users['board'].person}</bdi> for:" in record


def test_an_alert_about_a_web_page_needs_an_http_link_a_reason_and_a_group(client, role_users):
    client = signed_in(client, role_users["secretariat"])
    ncsg = role_users["groups"]["ncsg"]
    page = client.post(
        FLAG, {"title": "Read", "url": "javascript:alert(1)", "reason": "", "confirm": "1"}
    ).content.decode()
    assert "Enter a valid URL." in page
    assert page.count("This field is required.") == 2  # the reason and the groups
    long_reason = client.post(
        FLAG,
        {"title": "Read", "url": "https://a.example/", "reason": "x" * 2001, "groups": ncsg.pk},
    ).content.decode()
    assert "at most 2000 characters" in long_reason
    assert not Event.objects.exists()


def test_a_participant_sees_no_flag_link_beside_the_follow_control(client, role_users, make_round):
    voting_round = make_round()
    assert (
        "Flag as important"
        not in signed_in(client, role_users["participant"])
        .get(voting_round.get_absolute_url())
        .content.decode()
    )
    page = signed_in(client, role_users["board"]).get(voting_round.get_absolute_url())
    assert f"{FLAG}?kind=round&amp;subject={voting_round.pk}" in page.content.decode()


def test_one_sender_flags_at_most_twenty_a_day_and_is_told_so(client, role_users):
    sender = role_users["coordinator"]
    groups = [role_users["groups"]["ncsg"]]
    for number in range(ALERTS_PER_DAY):
        alert_flag(
            sender=sender,
            title=f"Item {number}",
            url="https://example.org/",
            reason="It matters",
            groups=groups,
        )
    with pytest.raises(AlertError):
        alert_flag(
            sender=sender, title="One more", url="https://example.org/", reason="r", groups=groups
        )
    page = signed_in(client, sender).get(FLAG).content.decode()
    assert "You have flagged 20 things in the last 24 hours" in page
    assert Event.objects.filter(sender=sender).count() == ALERTS_PER_DAY


ROLES = ("anonymous", "participant", "coordinator", "secretariat", "board", "ombudsman")
EXPECTED = {
    # Each role's status, in ROLES order then the administrator's (the permission matrix rows).
    "consultations:follows": (302, 200, 200, 200, 200, 200, 200),
    "consultations:follow": (302, 405, 405, 405, 405, 405, 405),
    "consultations:flag": (302, 403, 200, 200, 200, 403, 200),
    "consultations:alerts": (200, 200, 200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_what_the_permission_matrix_says(client, role_users, name):
    statuses = []
    for role in (*ROLES, "administrator"):
        client.logout()
        if role_users[role] is not None:
            client.force_login(role_users[role])
        statuses.append(client.get(reverse(name)).status_code)
    assert tuple(statuses) == EXPECTED[name]
