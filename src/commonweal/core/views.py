from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import check_for_language
from django.views.i18n import set_language


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    return redirect(static("commonweal/favicon.svg"), permanent=True)


def privacy(request):
    return render(request, "core/privacy.html")


def language_set(request):
    """Django's language switcher, remembering the choice on the account as well."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
