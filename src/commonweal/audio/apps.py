"""Recordings to transcripts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudioConfig(AppConfig):
    name = "commonweal.audio"
    label = "audio"
    verbose_name = _("Recordings")

    def ready(self) -> None:
        from commonweal.audio import personal_data, rules  # noqa: F401  (registers them)
        from commonweal.audio.panels import panels_register
        from commonweal.audio.receivers import receivers_connect

        receivers_connect()
        panels_register()
