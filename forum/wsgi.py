import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URL map) lives as long as the
# process: keep it out of the cyclic garbage collector's full passes, which
# otherwise walk it again during every large list the API serializes.
gc.freeze()
