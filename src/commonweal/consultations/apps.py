"""Consultations and alerts: public comment periods, who follows what, and telling them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "commonweal.consultations"
    label = "consultations"
    verbose_name = _("Consultations and alerts")

    def ready(self) -> None:
        from commonweal.consultations import personal_data, rules  # noqa: F401  (registers them)
        from commonweal.consultations.receivers import receivers_connect

        receivers_connect()

        from commonweal.consultations.followables import followables_register
        from commonweal.consultations.measures import measures_register

        followables_register()
        measures_register()

        from commonweal.consultations.controls import controls_register
        from commonweal.consultations.panels import panels_register

        controls_register()
        panels_register()
