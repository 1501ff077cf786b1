from django.db.models import Count
from django.shortcuts import render

from commonweal.community.models import Person, StakeholderGroup


def home(request):
    context = {
        "people_count": Person.objects.filter(is_erased=False).count(),
        "group_counts": StakeholderGroup.objects.values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind"),
        "group_count": StakeholderGroup.objects.count(),
    }
    return render(request, "core/home.html", context)


def privacy(request):
    return render(request, "core/privacy.html")
