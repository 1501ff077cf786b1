"""What every conduct page answers with: kept out of caches, search engines and referrers.

A page of a case, a receipt shown once, even the empty report form: none may be stored
by a browser or a proxy (the back button must not show a case to the next person at a
shared computer), listed by a search engine, or name its address to the next site.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect


def private_page(view):
    """Mark ``view``'s responses ``no-store`` and ``noindex``. (The site's own
    ``Referrer-Policy: same-origin`` stays: with ``no-referrer`` a browser sends its form
    posts with ``Origin: null``, which the CSRF check rightly refuses.)"""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind a reverse proxy named in
    ``TRUSTED_PROXIES`` it is the last address the proxy added to ``X-Forwarded-For``
    (the one it saw; earlier ones are the client's to write); otherwise the WSGI server's
    ``REMOTE_ADDR``. Without it, behind a proxy the receipt limit would count everyone
    together."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        return forwarded[:45] or remote
    return remote


class _InMemoryUploads(MemoryFileUploadHandler):
    """Keep every uploaded file in memory, whatever its size (the request's size is bounded
    by ``MAX_UPLOAD_BYTES``), so a reporter's file never lies on disk unencrypted."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


def uploads_in_memory(view):
    """Make ``view`` read uploads into memory only. The CSRF check, which reads the form,
    runs after the upload handlers are set, as Django's documentation asks."""
    checked = csrf_protect(view)

    @functools.wraps(view)
    @csrf_exempt
    def wrapped(request: HttpRequest, *args, **kwargs):
        request.upload_handlers = [_InMemoryUploads(request)]
        return checked(request, *args, **kwargs)

    return wrapped
