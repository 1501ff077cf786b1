"""One way for views to check permissions: declared rules, checked on the object."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def access_required(permission: str, *, fn: Callable | None = None):
    """Require a ``rules`` permission, on the object ``fn(request, **kwargs)`` when given.

    Anonymous visitors are sent to sign in; signed-in people without the
    permission get 403, so nobody is asked to sign in again for nothing.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = fn(request, *args, **kwargs) if fn else None
            if not request.user.has_perm(permission, target):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
