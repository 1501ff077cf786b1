"""The one-click unsubscribe page: no sign-in, the signed link is the permission.

A GET only shows the page with its one button, because link scanners and mail previews
follow links; the POST stops the email. It is exempt from the CSRF check because mail
clients that honour ``List-Unsubscribe-Post`` (RFC 8058) POST
``List-Unsubscribe=One-Click`` without any token, and the signed link already proves
the request came from the email.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from commonweal.consultations.unsubscribe import (
    BadToken,
    unsubscribe_apply,
    unsubscribe_read,
)
from commonweal.core import follows


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        target = unsubscribe_read(token)
    except BadToken:
        return render(request, "consultations/delivery/unsubscribe_bad.html", status=400)
    about = None
    if target.follow is not None:
        kind, subject = target.follow
        owner = follows.followable(kind)
        about = (owner.label(subject) if owner else None) or subject
    context = {"target": target, "about": about, "follows_url": reverse("consultations:follows")}
    if request.method == "POST":
        if not unsubscribe_apply(target=target):
            return render(request, "consultations/delivery/unsubscribe_bad.html", status=400)
        return render(request, "consultations/delivery/unsubscribed.html", context)
    return render(request, "consultations/delivery/unsubscribe.html", context)
