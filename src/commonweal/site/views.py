from django.shortcuts import render

from commonweal.core.panels import HOME_FIGURES, HOME_SECTIONS, panels_render


def home(request):
    """The front page: each app's figures and sections, as the apps registered them."""
    return render(
        request,
        "site/home.html",
        {
            "figures": panels_render(HOME_FIGURES, request),
            "sections": panels_render(HOME_SECTIONS, request),
        },
    )
