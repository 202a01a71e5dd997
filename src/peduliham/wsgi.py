"""WSGI entry point for production servers (gunicorn peduliham.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peduliham.settings")

application = get_wsgi_application()
