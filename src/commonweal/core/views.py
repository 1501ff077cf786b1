from django.shortcuts import render
from django.utils.translation import check_for_language
from django.views.i18n import set_language

from commonweal.community.models import Person, StakeholderGroup
from commonweal.meetings.models import Meeting
from commonweal.meetings.selectors import meeting_list
from commonweal.recommendations.models import Recommendation
from commonweal.rounds.selectors import round_list


def home(request):
    context = {
        "people_count": Person.objects.filter(is_erased=False).count(),
        "group_count": StakeholderGroup.objects.count(),
        "recent_meetings": meeting_list()[:5],
        "meeting_count": Meeting.objects.count(),
        "recommendation_count": Recommendation.objects.count(),
        "rounds": [r for r in round_list()[:10] if r.phase in ("upcoming", "open", "counted")][:5],
    }
    return render(request, "core/home.html", context)


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
