"""Pages of following and alerts: the follow control's answer, "my follows", flagging
something as important and the public record of what was flagged."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from commonweal.consultations.forms_alerts import FlagForm, FollowForm, PreferencesForm
from commonweal.consultations.models import Follow, delivery_for
from commonweal.consultations.services import follows as following
from commonweal.consultations.services.alerts import (
    AlertError,
    alert_flag,
    alert_link,
    alerts_sent,
    check_may_flag,
)
from commonweal.consultations.services.preferences import PreferenceError, preferences_set
from commonweal.core import follows
from commonweal.core.permissions import access_required

ALERTS_PER_PAGE = 50


def _back(request, fallback: str) -> str:
    """Where the form asked to go back to, when it is a page of this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@access_required("consultations.follow")
@require_POST
def follow(request):
    back = _back(request, reverse("consultations:follows"))
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That choice was not understood; nothing changed."))
        return redirect(back)
    kind, subject = form.cleaned_data["kind"], form.cleaned_data["subject"]
    try:
        if form.cleaned_data["stop"]:
            following.follow_stop(user=request.user, kind=kind, subject=subject)
            messages.success(request, _("You no longer follow this."))
        else:
            level = form.cleaned_data["level"] or Follow.Level.EVERYTHING
            following.follow_set(user=request.user, kind=kind, subject=subject, level=level)
            messages.success(
                request,
                _("You follow “%(thing)s”: %(level)s.")
                % {
                    "thing": following.check_followable(kind, subject),
                    "level": Follow.Level(level).label,
                },
            )
    except following.FollowError as error:
        messages.error(request, str(error))
    return redirect(back)


def _notification_rows(user) -> list[dict]:
    return [
        {
            "notification": notification,
            "event": notification.event,
            "what": follows.EVENTS.get(notification.event.event, notification.event.event),
            "why": following.why_sentence(notification),
        }
        for notification in following.notifications_of(user)
    ]


@access_required("consultations.follow")
def follows_page(request):
    delivery = delivery_for(request.user)
    initial = {
        "frequency": delivery.frequency,
        "reminder_days": delivery.reminder_days,
        "email": delivery.unsubscribed_at is None,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            preferences_set(user=request.user, **form.cleaned_data)
        except PreferenceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("consultations:follows")
    context = {
        "followed": following.followed_of(request.user),
        "memberships": following.memberships_following(request.user),
        "kind_names": KIND_NAMES,
        "levels": Follow.Level.choices,
        "form": form,
        "delivery": delivery,
        "news": _notification_rows(request.user),
    }
    return render(request, "consultations/follows/follows.html", context)


def _flag_about(request) -> tuple[str, str, str, str] | None:
    """The followable thing the alert is about: ``(kind, subject, name, page)``, or None."""
    source = request.POST if request.method == "POST" else request.GET
    kind, subject = source.get("kind", "")[:20], source.get("subject", "")[:200]
    if not kind:
        return None
    try:
        label, url = alert_link(kind, subject)
    except AlertError:
        return None
    return kind, subject, label, url


def _refusal(user) -> str:
    try:
        check_may_flag(user)
    except AlertError as error:
        return str(error)
    return ""


@access_required("consultations.flag")
def flag(request):
    """Write an alert, see it as it will be sent, then send it (``confirm``)."""
    about = _flag_about(request)
    initial = {"kind": about[0], "subject": about[1], "title": about[2]} if about else {}
    form = FlagForm(request.POST or None, initial=initial)
    refused = _refusal(request.user)
    preview = False
    if form.is_valid() and not refused:
        if form.cleaned_data["kind"] and about is None:
            form.add_error(None, _("What you flagged does not exist any more."))
        elif "confirm" in request.POST:
            sent = _flag_send(request, form, about)
            if sent is not None:
                return sent
        else:
            preview = True
    return _flag_render(request, form, about, refused, preview)


def _flag_send(request, form, about):
    data = form.cleaned_data
    try:
        alert_flag(
            sender=request.user,
            title=data["title"],
            url=data["url"],
            reason=data["reason"],
            groups=data["groups"],
            kind=about[0] if about else "",
            subject=about[1] if about else "",
        )
    except AlertError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, _("Sent. It is on the record of flagged items."))
    return redirect("consultations:alerts")


def _flag_render(request, form, about, refused: str, preview: bool):
    context = {
        "form": form,
        "about": about,
        "refused": refused,
        "preview": preview,
        "data": form.cleaned_data if preview else None,
    }
    return render(request, "consultations/follows/flag.html", context)


def alerts(request):
    page = Paginator(alerts_sent(), ALERTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "consultations/follows/alerts.html", {"page": page})


# How each kind of followable thing is called on the "my follows" page.
KIND_NAMES = {
    follows.GROUP: gettext_lazy("group"),
    follows.SERIES: gettext_lazy("meeting series"),
    follows.RECOMMENDATION: gettext_lazy("recommendation"),
    follows.ROUND: gettext_lazy("round"),
    follows.PROCEEDING: gettext_lazy("comment proceeding"),
    follows.TERM: gettext_lazy("glossary term"),
}
