from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: pages that gather every app, and the demo loader."""

    name = "commonweal.site"
    label = "site"
