"""Recordings to transcripts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudioConfig(AppConfig):
    name = "commonweal.audio"
    label = "audio"
    verbose_name = _("Recordings")
