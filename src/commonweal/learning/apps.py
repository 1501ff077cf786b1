"""The learning center: courses for newcomers, in every language the community speaks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "commonweal.learning"
    label = "learning"
    verbose_name = _("Learning center")

    def ready(self) -> None:
        from commonweal.learning import personal_data, rules  # noqa: F401  (registers them)
        from commonweal.learning.panels import panels_register

        panels_register()

        from commonweal.learning.glossary import rules as glossary_rules  # noqa: F401
        from commonweal.learning.glossary.hook import hook_register

        hook_register()

        from commonweal.learning.requirements import gates_register

        gates_register()

        # LTI 1.3 (its models, admin and personal data) and xAPI statements on completion.
        from commonweal.learning import xapi
        from commonweal.learning.lti import admin as lti_admin  # noqa: F401
        from commonweal.learning.lti import models as lti_models  # noqa: F401
        from commonweal.learning.lti import personal_data as lti_personal_data  # noqa: F401

        xapi.receivers_connect()

        from commonweal.learning.follows import followables_register

        followables_register()
