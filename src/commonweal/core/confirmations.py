"""The page that asks before an action that cannot be undone, in words naming its effect.

Every app asks the same way: a page whose form posts the same action again with
``confirm=yes`` (so it works without JavaScript), the action's own fields carried over
unchanged, what the person may add (a reason) with its errors, and the way back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TEMPLATE = "core/confirm.html"


@dataclass(frozen=True)
class Confirmation:
    """A question before an action: what it does, the button that does it, the way back.

    ``hidden`` are the fields posted again unchanged; ``form`` holds what the person may
    add (a reason), shown with its errors; ``about`` is a link to what the action is on
    (a URL and its words), shown above the question; ``note`` a line under the form.
    """

    title: str
    effects: tuple[str, ...]
    action: str
    confirm_label: str
    cancel_url: str
    cancel_label: str
    hidden: tuple[tuple[str, str], ...] = ()
    form: forms.Form | None = None
    about: tuple[str, str] | None = None
    note: str = ""


def confirmation_render(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    """The confirmation page; 400 when the person's reason was refused."""
    refused = confirmation.form is not None and confirmation.form.is_bound
    refused = refused and bool(confirmation.form.errors)
    return render(request, TEMPLATE, {"confirm": confirmation}, status=400 if refused else 200)


def carried_fields(
    request: HttpRequest, not_carried: frozenset[str]
) -> tuple[tuple[str, str], ...]:
    """The posted fields a confirmation page sends again unchanged."""
    return tuple(
        (name, value)
        for name, values in request.POST.lists()
        if name not in not_carried
        for value in values
    )
