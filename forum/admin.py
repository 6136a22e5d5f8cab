from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Asian Mayors Forum — secretariat")
admin.site.site_title = _("Asian Mayors Forum secretariat")
admin.site.index_title = _("Registry of cities, people and summits")

# Partner API keys: registered in their own module.
import forum.api.admin  # noqa: E402, F401

# Django's accounts, django-otp's and django-axes' screens in the reader's language.
from forum.third_party_admin import register  # noqa: E402

register()
