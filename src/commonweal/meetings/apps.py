from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "commonweal.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from commonweal.meetings import personal_data  # noqa: F401  (registers handlers)
        from commonweal.meetings.panels import panels_register

        panels_register()

        from commonweal.meetings.follows import followables_register

        followables_register()
