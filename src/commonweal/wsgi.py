"""WSGI entry point for gunicorn. Served this way, Commonweal runs with production
settings unless COMMONWEAL_ENV says otherwise: secure by default."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("COMMONWEAL_ENV", "production")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.settings")

application = get_wsgi_application()
