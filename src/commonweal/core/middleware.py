from django.conf import settings
from django.shortcuts import render
from django.utils import translation


def upload_limit(path: str) -> int:
    """The most bytes a request to ``path`` may carry: MAX_UPLOAD_BYTES, or more for the
    few pages that take large files (LARGE_UPLOAD_PATHS, a recording's upload)."""
    for prefix, limit in getattr(settings, "LARGE_UPLOAD_PATHS", {}).items():
        if path.startswith(prefix):
            return max(limit, settings.MAX_UPLOAD_BYTES)
    return settings.MAX_UPLOAD_BYTES


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than any upload we accept (413),
    before Django reads a byte of it into memory or a temporary file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = upload_limit(request.path)
        if length > limit:
            return render(request, "413.html", {"max_bytes": limit}, status=413)
        return self.get_response(request)


class AccountLanguageMiddleware:
    """Speak a signed-in person's preferred language until they pick another with the
    switcher (whose cookie then wins)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.language
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
