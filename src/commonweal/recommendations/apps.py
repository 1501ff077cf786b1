from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "commonweal.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from commonweal.meetings.signals import candidate_confirmed
        from commonweal.recommendations import personal_data  # noqa: F401  (registers handlers)
        from commonweal.recommendations.panels import panels_register
        from commonweal.recommendations.receivers import recommendation_for_confirmed_candidate

        candidate_confirmed.connect(
            recommendation_for_confirmed_candidate,
            dispatch_uid="recommendations.recommendation_for_confirmed_candidate",
        )
        panels_register()

        from commonweal.recommendations.follows import followables_register

        followables_register()
