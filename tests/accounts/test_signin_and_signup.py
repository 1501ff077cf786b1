import re

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.accounts.models import Invitation, SignInFailure, User
from commonweal.accounts.services import invitation_create

pytestmark = pytest.mark.django_db
PASSWORD = "a long pass phrase 7"


def test_people_sign_in_with_their_email_address(client, make_user):
    make_user("kathy@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "Kathy@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 200


def test_the_101st_failed_sign_in_within_an_hour_is_refused_with_429(client, make_user, settings):
    make_user("target@example.org")
    for _ in range(settings.SIGNIN_FAILURES_PER_HOUR):
        response = client.post(
            reverse("accounts:login"), {"username": "target@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
    refused = client.post(
        reverse("accounts:login"), {"username": "target@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 429
    assert "too many failed sign-ins" in refused.content.decode().lower()
    # Another account is not affected.
    make_user("other@example.org")
    other = client.post(
        reverse("accounts:login"), {"username": "other@example.org", "password": PASSWORD}
    )
    assert other.status_code == 302


def test_failures_older_than_an_hour_no_longer_count(client, make_user, settings):
    import datetime

    from django.utils import timezone

    make_user("old@example.org")
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    SignInFailure.objects.bulk_create(
        SignInFailure(email_digest=SignInFailure.digest("old@example.org"), at=long_ago)
        for _ in range(settings.SIGNIN_FAILURES_PER_HOUR)
    )
    response = client.post(
        reverse("accounts:login"), {"username": "old@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_open_sign_up_creates_an_account_and_its_person(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "display_name": "丝黛芬妮",
            "email": "s@example.org",
            "password": PASSWORD,
            "language": "zh-hans",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="s@example.org")
    assert user.person.display_name == "丝黛芬妮"
    assert user.person.names.get().script == "Hans"


def test_sign_up_by_invitation_refuses_strangers_and_accepts_the_invited(
    client, settings, make_user
):
    settings.SIGNUP_MODE = "invitation"
    assert client.get(reverse("accounts:signup")).status_code == 403
    _invitation, token = invitation_create(email="invited@example.org", invited_by=make_user())
    url = reverse("accounts:invitation", kwargs={"token": token})
    response = client.post(
        url, {"display_name": "Invited One", "password": PASSWORD, "email": "evil@example.org"}
    )
    assert response.status_code == 302
    # The address comes from the invitation, whatever the form sent.
    assert User.objects.filter(email="invited@example.org").exists()
    assert not User.objects.filter(email="evil@example.org").exists()
    client.logout()
    assert client.get(url).status_code == 403  # used once


def test_an_invitation_token_is_not_stored(make_user):
    invitation, token = invitation_create(email="x@example.org", invited_by=make_user())
    assert token not in invitation.token_digest
    assert Invitation.objects.filter(token_digest=Invitation.digest(token)).exists()


def test_the_secretariat_creates_an_invitation_link_on_its_page(client, role_users):
    client.force_login(role_users["secretariat"])
    response = client.post(reverse("accounts:invitations"), {"email": "newcomer@example.org"})
    link = re.search(r"/accounts/invitation/[\w-]+/", response.content.decode())
    assert link is not None
    client.logout()
    assert client.get(link.group(0)).status_code == 200


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client, make_user):
    make_user("forgetful@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "forgetful@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new = "another long phrase 9"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert client.login(email="forgetful@example.org", password=new)


def test_a_reset_request_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert response.status_code == 200
    assert mail.outbox == []
