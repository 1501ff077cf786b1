from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from commonweal.core.views import language_set

admin.site.site_header = _("Commonweal administration")
admin.site.site_title = _("Commonweal")

urlpatterns = [
    path("", include("commonweal.site.urls")),
    path("", include("commonweal.core.urls")),
    path("accounts/", include("commonweal.accounts.urls")),
    path("", include("commonweal.community.urls")),
    path("meetings/", include("commonweal.meetings.urls")),
    path("recommendations/", include("commonweal.recommendations.urls")),
    path("rounds/", include("commonweal.rounds.urls")),
    path("metrics/", include("commonweal.metrics.urls")),
    path("discussion/", include("commonweal.discussion.urls")),
    path("learn/", include("commonweal.learning.urls")),
    path("consultations/", include("commonweal.consultations.urls")),
    path("conduct/", include("commonweal.conduct.urls")),
    path("recordings/", include("commonweal.audio.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    path("admin/", admin.site.urls),
]
