import os

from django.core.wsgi import get_wsgi_application
from django.db.backends.signals import connection_created

from twinning.common.database import limit_statement_time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.site.settings")
application = get_wsgi_application()

# The web processes, and only they, cancel a statement that runs too long.
connection_created.connect(limit_statement_time, dispatch_uid="twinning-statement-timeout")
