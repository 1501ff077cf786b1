from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "commonweal.discussion"
    label = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        from commonweal.discussion import personal_data  # noqa: F401  (registers handlers)
        from commonweal.discussion.panels import panels_register

        panels_register()
