from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "commonweal.rounds"
    label = "rounds"
    verbose_name = _("Prioritization rounds")

    def ready(self) -> None:
        from commonweal.rounds import personal_data  # noqa: F401  (registers handlers)
        from commonweal.rounds.panels import panels_register

        panels_register()

        from commonweal.rounds.follows import followables_register

        followables_register()
