from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import ForumTranslationAdmin, date_column
from common.admin_reader import SOURCE_FIELDSET
from forum.models import ReportedFigure

admin.site.site_header = _("Asian Mayors Forum — secretariat")
admin.site.site_title = _("Asian Mayors Forum secretariat")
admin.site.index_title = _("Registry of cities, people and summits")

# Partner API keys: registered in their own module.
import forum.api.admin  # noqa: E402, F401

# Django's accounts, django-otp's and django-axes' screens in the reader's language.
from forum.third_party_admin import register  # noqa: E402

register()


@admin.register(ReportedFigure)
class ReportedFigureAdmin(ForumTranslationAdmin):
    list_display = ("reported", "qualifier", "member_cities", "countries", "certainty")
    list_filter = ("qualifier", "certainty")
    search_fields = ("note_fa", "note_en")
    gregorian_date_hierarchy = "reported_on"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("reported_on", "reported_precision"),
                    ("qualifier", "member_cities", "countries"),
                    "note",
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]

    reported = date_column("reported_on", _("reported on"))
