"""Addresses of the feeds part of consultations (mounted at ``/consultations/feeds/``).

The private feeds carry the person's key (``Delivery.feed_token``) in the address.
"""

from django.urls import path

from commonweal.consultations import views_feeds

urlpatterns = [
    path("", views_feeds.page, name="feeds"),
    path("rekey/", views_feeds.rekey, name="feeds_rekey"),
    path("groups/<slug:slug>.atom", views_feeds.group_atom, name="feed_group"),
    path("<str:token>/all.atom", views_feeds.all_atom, name="feed_all"),
    path(
        "<str:token>/follows/<int:follow_pk>.atom",
        views_feeds.follow_atom,
        name="feed_follow",
    ),
    path("<str:token>/deadlines.ics", views_feeds.deadlines_ics, name="feed_deadlines"),
]
