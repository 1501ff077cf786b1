"""Conduct reports: a confidential channel to the ombudsman."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductConfig(AppConfig):
    name = "commonweal.conduct"
    label = "conduct"
    verbose_name = _("Conduct reports")

    def ready(self) -> None:
        from commonweal.conduct import personal_data, rules  # noqa: F401  (registers them)
        from commonweal.conduct.panels import panels_register

        panels_register()
