"""WSGI entry point; gunicorn serves `careerpath.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings.prod")

application = get_wsgi_application()
