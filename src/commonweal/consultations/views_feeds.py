"""Feed pages: a group's public Atom feed; a person's private feeds (Atom per follow and
of everything that reached them, iCalendar of deadlines), opened by the key in their
address rather than a session, as feed readers and calendar programs have none; and the
signed-in page that lists those addresses and makes a new key.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.consultations import feeds, icalendar_feed
from commonweal.consultations.models import Follow, delivery_for
from commonweal.core.confirmations import Confirmation, confirmation_render
from commonweal.core.permissions import access_required

# Private feeds: a shared cache must not keep them; search engines must not list them.
PRIVATE_HEADERS = {"Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex"}


def _atom_response(request, head: feeds.FeedHead, entries, language: str, private: bool):
    feed = feeds.atom_write(request, head, entries, language=language)
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    if private:
        for name, value in PRIVATE_HEADERS.items():
            response[name] = value
    return response


def group_atom(request: HttpRequest, slug: str) -> HttpResponse:
    """A group's public feed: what concerns the group, newest first."""
    group = get_object_or_404(StakeholderGroup, slug=slug)
    language = feeds.feed_language(request)
    with translation.override(language):
        head = feeds.FeedHead(
            title=_("%(group)s: news and alerts") % {"group": group},
            page=group.get_absolute_url(),
            self_url=reverse("consultations:feed_group", kwargs={"slug": slug}),
            tag=f"group/{group.pk}",
        )
        events = feeds.events_of_group(group)[: feeds.FEED_LENGTH]
        entries = [feeds.Entry(event) for event in events]
        return _atom_response(request, head, entries, language, private=False)


def follow_atom(request: HttpRequest, token: str, follow_pk: int) -> HttpResponse:
    """A person's feed of one thing they follow, at their level."""
    delivery = feeds.delivery_by_token(token)
    follow = feeds.follow_of(delivery, follow_pk)
    language = feeds.feed_language(request)
    with translation.override(language):
        head = feeds.FeedHead(
            title=_("Following: %(thing)s") % {"thing": feeds.follow_label(follow)},
            page=reverse("consultations:feeds"),
            self_url=reverse(
                "consultations:feed_follow", kwargs={"token": token, "follow_pk": follow.pk}
            ),
            tag=f"follow/{follow.pk}",
            subtitle=str(follow.get_level_display()),
        )
        events = feeds.events_of_follow(follow)[: feeds.FEED_LENGTH]
        entries = [feeds.Entry(event) for event in events]
        return _atom_response(request, head, entries, language, private=True)


def all_atom(request: HttpRequest, token: str) -> HttpResponse:
    """Everything that reached a person, each entry with why it did."""
    delivery = feeds.delivery_by_token(token)
    language = feeds.feed_language(request)
    with translation.override(language):
        head = feeds.FeedHead(
            title=_("Your news and alerts"),
            page=reverse("consultations:feeds"),
            self_url=reverse("consultations:feed_all", kwargs={"token": token}),
            tag=f"person/{delivery.user_id}",
        )
        notifications = feeds.notifications_of(delivery.user)[: feeds.FEED_LENGTH]
        entries = [
            feeds.Entry(n.event, why=str(n.get_why_display()), why_label=n.why_label)
            for n in notifications
        ]
        return _atom_response(request, head, entries, language, private=True)


def deadlines_ics(request: HttpRequest, token: str) -> HttpResponse:
    """A person's calendar of comment and voting deadlines."""
    delivery = feeds.delivery_by_token(token)
    language = feeds.feed_language(request)
    with translation.override(language):
        deadlines = icalendar_feed.deadlines_for(
            delivery.user, host=feeds.site_host(request), absolute=request.build_absolute_uri
        )
        body = icalendar_feed.calendar_write(
            deadlines, delivery=delivery, name=_("Commonweal deadlines")
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    for name, value in PRIVATE_HEADERS.items():
        response[name] = value
    return response


@access_required("consultations.follow")
def page(request: HttpRequest) -> HttpResponse:
    """The signed-in person's feed addresses, to copy into a reader or a calendar."""
    token = delivery_for(request.user).feed_token

    def absolute(name: str, **kwargs) -> str:
        return request.build_absolute_uri(reverse(f"consultations:{name}", kwargs=kwargs))

    follows = [
        (
            feeds.follow_label(follow),
            follow,
            absolute("feed_follow", token=token, follow_pk=follow.pk),
        )
        for follow in Follow.objects.filter(user=request.user).order_by("kind", "subject", "pk")
    ]
    groups = []
    if request.user.person_id is not None:
        group_ids = Membership.objects.current().filter(person_id=request.user.person_id)
        for group in StakeholderGroup.objects.filter(pk__in=group_ids.values("group_id")):
            groups.append((group, absolute("feed_group", slug=group.slug)))
    context = {
        "all_url": absolute("feed_all", token=token),
        "ics_url": absolute("feed_deadlines", token=token),
        "follows": follows,
        "groups": groups,
    }
    return render(request, "consultations/feeds/page.html", context)


@access_required("consultations.follow")
@require_POST
def rekey(request: HttpRequest) -> HttpResponse:
    """A new key for the person's feeds, asked first: the old addresses stop working."""
    if request.POST.get("confirm") != "yes":
        return confirmation_render(
            request,
            Confirmation(
                title=_("Make a new key for your feeds?"),
                effects=(
                    _("Every address of your private feeds changes."),
                    _(
                        "Feed readers and calendars that use the old addresses stop "
                        "receiving anything; add the new addresses to them."
                    ),
                ),
                action=reverse("consultations:feeds_rekey"),
                confirm_label=_("Make a new key"),
                cancel_url=reverse("consultations:feeds"),
                cancel_label=_("Keep the current addresses"),
            ),
        )
    feeds.feed_token_renew(user=request.user)
    messages.success(request, _("Your feeds have new addresses. The old ones no longer work."))
    return redirect("consultations:feeds")
