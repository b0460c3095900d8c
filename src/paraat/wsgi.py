import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
application = get_wsgi_application()

# The objects made while starting (modules, the URL conf, the settings) live as long as the
# process: moved out of the collector's reach, a full collection no longer walks them for every
# few thousand requests (issue 16: a few percent of a worker's CPU under load).
gc.collect()
gc.freeze()
