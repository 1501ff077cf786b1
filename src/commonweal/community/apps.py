from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "commonweal.community"
    label = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from commonweal.community import personal_data  # noqa: F401  (registers handlers)
        from commonweal.community.panels import panels_register

        panels_register()

        from commonweal.community.follows import followables_register

        followables_register()
