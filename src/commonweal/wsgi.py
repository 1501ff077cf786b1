"""WSGI entry point for gunicorn. Served this way, Commonweal runs with production
settings unless COMMONWEAL_ENV says otherwise: secure by default."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from commonweal.cli import settings_problem

os.environ.setdefault("COMMONWEAL_ENV", "production")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.settings")

# A misconfigured server stops with one line naming the variable, not a traceback.
if problem := settings_problem():
    print(f"commonweal: {problem}", file=sys.stderr)
    raise SystemExit(2)

application = get_wsgi_application()
