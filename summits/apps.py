from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "summits"
    verbose_name = _("Summits")

    def ready(self):
        from common.history import record_history

        record_history(self)
