from django.conf import settings
from django.utils.translation import get_language_bidi


def site(request):
    return {
        "signup_open": settings.SIGNUP_MODE == "open",
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "currency": settings.CURRENCY,
    }
