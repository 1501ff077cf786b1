from django.conf import settings
from django.shortcuts import render
from django.utils import translation


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
        if length > settings.MAX_UPLOAD_BYTES:
            return render(
                request,
                "413.html",
                {"max_bytes": settings.MAX_UPLOAD_BYTES},
                status=413,
            )
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
