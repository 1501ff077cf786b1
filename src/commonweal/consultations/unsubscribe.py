"""One-click unsubscribe: a signed token in each email names the account and what to stop.

The token carries the account's id and a scope: ``"all"`` (no more email at all) or a
followed thing, ``"<kind>:<subject>"`` (mute that one follow). It is signed with the
site's secret key (salt ``consultations.unsubscribe``), so it cannot be forged or
changed, and it does not expire: an old email's link keeps working. It is the only
permission the unsubscribe page needs, since the person may not be signed in (RFC 8058
mail clients send the POST themselves).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from commonweal.consultations.models import Delivery, Follow
from commonweal.core import follows
from commonweal.core.links import site_url

SALT = "consultations.unsubscribe"
ALL = "all"


class BadToken(ValueError):
    """The token was not made here, was changed, or names nothing that can be stopped."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    scope: str  # ALL, or "<kind>:<subject>"

    @property
    def follow(self) -> tuple[str, str] | None:
        """(kind, subject) of the muted follow; ``None`` for everything."""
        if self.scope == ALL:
            return None
        kind, _sep, subject = self.scope.partition(":")
        return kind, subject


def follow_scope(kind: str, subject: str) -> str:
    return f"{kind}:{subject}"


def unsubscribe_token(*, user_id: int, scope: str = ALL) -> str:
    return signing.dumps([user_id, scope], salt=SALT, compress=True)


def unsubscribe_url(*, user_id: int, scope: str = ALL) -> str:
    token = unsubscribe_token(user_id=user_id, scope=scope)
    return _unsubscribe_prefix(site_url(), get_script_prefix()) + token + "/"


@functools.lru_cache(maxsize=8)
def _unsubscribe_prefix(site: str, _script_prefix: str) -> str:
    """The address before the token, found once per site address: a digest run writes
    thousands."""
    marker = "TOKEN"
    address = site + reverse("consultations:unsubscribe", kwargs={"token": marker})
    return address.removesuffix(marker + "/")


def unsubscribe_read(token: str) -> Unsubscribe:
    """The request a token carries; ``BadToken`` when it was forged, changed or garbled."""
    try:
        user_id, scope = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadToken(token) from None
    target = Unsubscribe(user_id=int(user_id), scope=str(scope))
    if target.follow is not None and target.follow[0] not in follows.KINDS:
        raise BadToken(token)
    return target


@transaction.atomic
def unsubscribe_apply(*, target: Unsubscribe) -> bool:
    """Stop what the token names: all email, or one follow (muted). ``False`` when the
    account no longer exists. Doing it twice changes nothing more."""
    if not get_user_model().objects.filter(pk=target.user_id).exists():
        return False
    if target.follow is None:
        delivery, _created = Delivery.objects.get_or_create(user_id=target.user_id)
        if delivery.unsubscribed_at is None:
            delivery.unsubscribed_at = timezone.now()
            delivery.save(update_fields=["unsubscribed_at"])
        return True
    kind, subject = target.follow
    Follow.objects.update_or_create(
        user_id=target.user_id,
        kind=kind,
        subject=subject,
        defaults={"level": Follow.Level.MUTE},
    )
    return True
