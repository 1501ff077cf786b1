"""Flagging as important: a board member, the secretariat or a coordinator sends a link,
with their reason, to the groups they choose. Each alert stays on the public record
(``alerts_sent``) with who sent it, why and to whom."""

from __future__ import annotations

import datetime
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.consultations.models import Event
from commonweal.consultations.services.events import event_record
from commonweal.core import follows
from commonweal.core.follows import IMPORTANT, News

# At most this many alerts per sender in any 24 hours: an alert reaches whole groups.
ALERTS_PER_DAY = 20
REASON_MAX = 2000
TITLE_MAX = 300


class AlertError(ValueError):
    """An alert that cannot be sent; the message is for its sender."""


def alerts_sent_recently(sender, *, now: datetime.datetime | None = None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    return Event.objects.filter(sender=sender, event="alert", happened_at__gte=since).count()


def check_may_flag(sender, *, now: datetime.datetime | None = None) -> None:
    """Raise :class:`AlertError` when the sender has flagged enough for today."""
    if alerts_sent_recently(sender, now=now) >= ALERTS_PER_DAY:
        raise AlertError(
            _(
                "You have flagged %(count)s things in the last 24 hours, the most one person "
                "may. Try again tomorrow, or ask the secretariat to send it."
            )
            % {"count": ALERTS_PER_DAY}
        )


def alert_link(kind: str, subject: str) -> tuple[str, str]:
    """The name and page of the followable thing an alert is about, or :class:`AlertError`."""
    owner = follows.followable(kind)
    label = owner.label(subject) if owner is not None and subject else None
    url = owner.url(subject) if label is not None else None
    if label is None or not url:
        raise AlertError(_("What you flagged does not exist any more."))
    return label, url


def _check_alert(*, title: str, url: str, reason: str, groups) -> None:
    problems = []
    if not title.strip() or len(title) > TITLE_MAX:
        problems.append(_("Give a title of at most %(max)s characters.") % {"max": TITLE_MAX})
    if not reason.strip() or len(reason) > REASON_MAX:
        problems.append(
            _("Say why it matters, in at most %(max)s characters.") % {"max": REASON_MAX}
        )
    if not groups:
        problems.append(_("Choose at least one group to send it to."))
    if not url.startswith("/"):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(_("Give a link that starts with http:// or https://."))
    if problems:
        raise AlertError(" ".join(problems))


@transaction.atomic
def alert_flag(
    *,
    sender,
    title: str,
    url: str,
    reason: str,
    groups,
    kind: str = "",
    subject: str = "",
) -> Event:
    """Send an alert to ``groups``; about a followable thing when ``kind`` and ``subject``
    are given (its page is then the link), else about ``url`` (http or https).
    Raises :class:`AlertError` with a readable message; nothing is written then."""
    # One sender's alerts are counted one at a time, so two at once cannot pass the limit.
    get_user_model().objects.select_for_update().filter(pk=sender.pk).first()
    check_may_flag(sender)
    if kind:
        _label, url = alert_link(kind, subject)
    else:
        subject = ""
    groups = list(groups)
    _check_alert(title=title, url=url, reason=reason, groups=groups)
    news = News(
        key=f"alert:{uuid4().hex}",
        kind=kind,
        subject=subject,
        event="alert",
        category=IMPORTANT,
        title=title.strip(),
        url=url,
    )
    return event_record(news=news, sender=sender, reason=reason.strip(), groups=groups)


def alerts_sent():
    """Every alert, newest first, with its sender and groups: the community's record."""
    return (
        Event.objects.filter(event="alert")
        .select_related("sender")
        .prefetch_related("groups")
        .order_by("-happened_at", "-pk")
    )
