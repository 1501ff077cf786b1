from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "commonweal.metrics"
    label = "metrics"
    verbose_name = _("Metrics")

    def ready(self) -> None:
        from commonweal.metrics import personal_data  # noqa: F401  (registers handlers)
