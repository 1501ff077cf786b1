from django.shortcuts import render
from django.utils.translation import check_for_language
from django.views.i18n import set_language


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
