"""Appeals: the author appeals once with a note; the ombudsman alone restores the comment
or upholds the hiding, with a reason; the author is told."""

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.discussion.models import Appeal
from commonweal.discussion.services import DiscussionError, appeal_decide, appeal_file, comment_hide

pytestmark = pytest.mark.django_db

NOTE = "It was about the decisions of the chair."


def test_the_author_appeals_once_with_a_note_and_the_ombudsman_is_told(
    client, role_users, author, hidden, django_capture_on_commit_callbacks
):
    client.force_login(author)
    url = reverse("discussion:appeal", kwargs={"pk": hidden.pk})
    form = client.get(url).content.decode()
    assert "The chair is a crook." in form and "A personal attack." in form
    assert "You can appeal once" in form
    assert client.post(url, {"note": ""}).status_code == 400
    assert not Appeal.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"note": NOTE}).status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.appellant, appeal.note, appeal.is_pending) == (author, NOTE, True)
    assert mail.outbox[-1].to == [role_users["ombudsman"].email]
    assert "http://testserver/discussion/appeals/" in mail.outbox[-1].body

    response = client.post(url, {"note": "Again."})
    assert response.status_code == 302
    assert "already appealed" in client.get(response.url).content.decode()
    assert Appeal.objects.count() == 1
    activity = client.get(reverse("accounts:activity")).content.decode()
    assert "the ombudsman has not decided yet" in activity


def test_only_the_author_may_appeal(client, role_users, other, hidden):
    url = reverse("discussion:appeal", kwargs={"pk": hidden.pk})
    for user in (other, role_users["ombudsman"], role_users["administrator"]):
        client.force_login(user)
        assert client.post(url, {"note": "Please."}).status_code == 403
    assert not Appeal.objects.exists()


def test_the_ombudsman_sees_the_queue_and_restores_with_a_reason(
    client, role_users, author, other, hidden, appealed, django_capture_on_commit_callbacks
):
    ombudsman = role_users["ombudsman"]
    client.force_login(ombudsman)
    queue = client.get(reverse("discussion:appeals")).content.decode()
    assert "The chair is a crook." in queue and NOTE in queue and "A personal attack." in queue
    url = reverse("discussion:restore", kwargs={"pk": appealed.pk})
    confirm = client.get(url).content.decode()
    assert "Restore the comment?" in confirm and "shown again to everyone" in confirm
    assert client.post(url, {"reason": ""}).status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Criticism of decisions is fair comment."})
    assert response.status_code == 302
    appealed.refresh_from_db()
    assert appealed.outcome == Appeal.Outcome.RESTORED and appealed.decided_by == ombudsman
    email = mail.outbox[-1]
    assert email.to == [author.email]
    assert email.subject == "The ombudsman restored your comment"
    assert "Criticism of decisions is fair comment." in email.body

    client.force_login(other)
    page = client.get(hidden.recommendation.get_absolute_url()).content.decode()
    assert "The chair is a crook." in page
    assert "restored by the ombudsman on" in page
    client.force_login(author)
    activity = client.get(reverse("accounts:activity")).content.decode()
    assert "The ombudsman restored your comment on" in activity


def test_upholding_keeps_the_comment_hidden_and_says_so(
    client, role_users, author, other, hidden, appealed, django_capture_on_commit_callbacks
):
    client.force_login(role_users["ombudsman"])
    url = reverse("discussion:uphold", kwargs={"pk": appealed.pk})
    assert "the author cannot appeal again" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Calling someone a crook is an attack."})
    assert mail.outbox[-1].subject == "The ombudsman upheld the hiding of your comment"
    client.force_login(other)
    page = client.get(hidden.recommendation.get_absolute_url()).content.decode()
    assert "The chair is a crook." not in page
    assert "The ombudsman upheld the hiding on appeal" in page
    client.force_login(author)
    activity = client.get(reverse("accounts:activity")).content.decode()
    assert "The ombudsman upheld the hiding on" in activity
    assert "Calling someone a crook is an attack." in activity


def test_only_the_ombudsman_decides_appeals(client, role_users, author, appealed):
    for role in ("participant", "coordinator", "secretariat", "board", "administrator"):
        client.force_login(role_users[role])
        assert client.get(reverse("discussion:appeals")).status_code == 403, role
        for name in ("discussion:restore", "discussion:uphold"):
            url = reverse(name, kwargs={"pk": appealed.pk})
            assert client.post(url, {"reason": "Mine."}).status_code == 403, (role, name)
    appealed.refresh_from_db()
    assert appealed.is_pending


def test_an_appeal_is_decided_once(role_users, appealed):
    ombudsman = role_users["ombudsman"]
    appeal_decide(appeal=appealed, by=ombudsman, restore=True, reason="Fair.", site_url="")
    with pytest.raises(DiscussionError, match="already been decided"):
        appeal_decide(appeal=appealed, by=ombudsman, restore=False, reason="No.", site_url="")


def test_nobody_decides_an_appeal_on_their_own_hiding(role_users, author, item):
    from commonweal.discussion.services import comment_post

    both = role_users["ombudsman"]
    both.groups.add(*role_users["secretariat"].groups.all())
    comment = comment_post(target=item, author=author, text="Hm.")
    comment_hide(comment=comment, by=both, reason="Off topic.", site_url="")
    appeal = appeal_file(comment=comment, by=author, note="It is on topic.", site_url="")
    with pytest.raises(DiscussionError, match="another ombudsman"):
        appeal_decide(appeal=appeal, by=both, restore=True, reason="Oops.", site_url="")


def test_a_restored_comment_cannot_be_hidden_again(client, role_users, hidden, appealed):
    appeal_decide(
        appeal=appealed, by=role_users["ombudsman"], restore=True, reason="Fair.", site_url=""
    )
    with pytest.raises(DiscussionError, match="restored this comment"):
        comment_hide(comment=hidden, by=role_users["secretariat"], reason="Again.", site_url="")
    client.force_login(role_users["secretariat"])
    page = client.get(hidden.recommendation.get_absolute_url()).content.decode()
    assert "Hide the comment by" not in page
