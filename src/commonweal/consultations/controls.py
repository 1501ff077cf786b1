"""The control every followable page shows (core/follows.py ``follow_control``): follow,
change the level, stop; for a member, that they follow it through their group; for
anyone signed out, a link to sign in. People who may flag see "Flag as important"."""

from __future__ import annotations

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse

from commonweal.consultations.models import Follow
from commonweal.consultations.services.follows import follow_of, groups_following_for
from commonweal.core import follows


def follow_control(request, kind: str, key: str) -> str | None:
    owner = follows.followable(kind)
    label = owner.label(key) if owner is not None and key else None
    if label is None:
        return None
    here = request.get_full_path() if request is not None else "/"
    user = getattr(request, "user", None)
    context = {"kind": kind, "key": key, "label": label, "next": here}
    if user is None or not user.is_authenticated:
        context["login_url"] = f"{reverse('accounts:login')}?{urlencode({'next': here})}"
        return render_to_string("consultations/follows/_control.html", context, request=request)
    follow = follow_of(user, kind, key)
    following, muted = groups_following_for(user, kind, key) if follow is None else ([], [])
    context.update(
        follow=follow,
        levels=Follow.Level.choices,
        current=follow.level if follow is not None else Follow.Level.EVERYTHING,
        following=", ".join(group.name for group in following),
        muted=", ".join(group.name for group in muted),
        may_flag=user.has_perm("consultations.flag"),
        flag_url=f"{reverse('consultations:flag')}?{urlencode({'kind': kind, 'subject': key})}",
    )
    return render_to_string("consultations/follows/_control.html", context, request=request)


def controls_register() -> None:
    follows.follow_control_register(follow_control, key="consultations")
