"""WSGI entry point: serve Orden with any WSGI server, e.g. `gunicorn orden.wsgi:application`."""

import os
import sys
from pathlib import Path

# The package lives in src/; make `import orden` work without installing it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orden.conf.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
