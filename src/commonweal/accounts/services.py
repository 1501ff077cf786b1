"""Account services: every write to accounts goes through one of these functions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal import __version__
from commonweal.accounts.models import Invitation, SignInFailure, User
from commonweal.community.models import Person, PersonName
from commonweal.community.text import script_of
from commonweal.core import personal_data
from commonweal.core.text import FORMER_PARTICIPANT

INVITATION_LIFETIME = datetime.timedelta(days=14)


@transaction.atomic
def account_create(*, email: str, password: str, display_name: str, language: str = "") -> User:
    """Create an account and the Person it speaks for."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("An account with this email address already exists."))
    person = Person.objects.create(display_name=display_name.strip())
    PersonName.objects.create(
        person=person,
        name=person.display_name,
        kind=PersonName.Kind.PRIMARY,
        language=language,
        script=script_of(person.display_name),
    )
    return User.objects.create_user(
        email=email, password=password, person=person, language=language
    )


@transaction.atomic
def invitation_create(*, email: str, invited_by: User) -> tuple[Invitation, str]:
    """Returns the invitation and its token; the token is shown once and never stored."""
    token, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        token_digest=digest,
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    return invitation, token


def invitation_access(*, token: str) -> Invitation:
    """The usable invitation behind a token, or PermissionDenied."""
    invitation = Invitation.objects.usable().filter(token_digest=Invitation.digest(token)).first()
    if invitation is None:
        raise PermissionDenied(_("This invitation link is not valid or has expired."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, display_name: str, language: str = "") -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation_access(token=token).pk)
    if invitation.accepted_at is not None:
        raise PermissionDenied(_("This invitation has been used already."))
    user = account_create(
        email=invitation.email, password=password, display_name=display_name, language=language
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def signin_blocked(*, email: str) -> bool:
    """True when this address has used up its failed sign-ins for the past hour."""
    since = timezone.now() - datetime.timedelta(hours=1)
    failures = SignInFailure.objects.filter(
        email_digest=SignInFailure.digest(email), at__gte=since
    ).count()
    return failures >= settings.SIGNIN_FAILURES_PER_HOUR


def signin_failure_record(*, email: str) -> None:
    now = timezone.now()
    SignInFailure.objects.create(email_digest=SignInFailure.digest(email), at=now)
    # Old rows carry no information any more; trimming here keeps the table small
    # without a scheduled job.
    SignInFailure.objects.filter(at__lt=now - datetime.timedelta(hours=1)).delete()


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about the signed-in person, as plain JSON data."""
    person = user.person
    owners = {"account": user, "person": person}
    data: dict = {
        "format": "commonweal-personal-data/1",
        "generated_at": timezone.now().isoformat(),
        "platform_version": __version__,
        "account": personal_data.serialize(
            user,
            (
                "email",
                "first_name",
                "last_name",
                "language",
                "date_joined",
                "last_login",
                "is_active",
            ),
        ),
        "site_roles": sorted(user.groups.values_list("name", flat=True)),
        "person": (
            personal_data.serialize(person, ("display_name", "email", "created_at", "updated_at"))
            if person
            else None
        ),
        "records": {},
    }
    for handler in personal_data.handlers():
        data["records"][handler.key] = personal_data.rows_for(handler, owners)
    return data


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Blank the account's and the person's personal fields; keep contributions.

    Safe to call twice: an erased account stays erased and nothing else changes.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    person = user.person
    owners = {"account": user, "person": person}
    for handler in personal_data.handlers():
        if owners.get(handler.subject) is not None:
            handler.erasure.apply(handler.rows(owners[handler.subject]))
    if person is not None and not person.is_erased:
        person.display_name = FORMER_PARTICIPANT
        person.email = ""
        person.is_erased = True
        person.erased_at = timezone.now()
        person.save()
    user.email = f"erased-{user.pk}@invalid"
    user.first_name = ""
    user.last_name = ""
    user.language = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _sessions_end(user)


def _sessions_end(user: User) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
