from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# Third-party apps and models whose names are English only (or not translatable):
# named here so that the admin's index, breadcrumbs and permissions speak the reader's language.
THIRD_PARTY_NAMES = {
    "axes": _("sign-in attempts"),
    "otp_totp": _("authenticator apps"),
    "otp_static": _("backup codes"),
}
THIRD_PARTY_MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("authenticator app (TOTP)"), _("authenticator apps (TOTP)")),
    ("otp_static", "staticdevice"): (_("set of backup codes"), _("sets of backup codes")),
}


class ForumConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forum"
    verbose_name = _("Asian Mayors Forum")

    def ready(self):
        for label, name in THIRD_PARTY_NAMES.items():
            if label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name
        for (label, model_name), (singular, plural) in THIRD_PARTY_MODEL_NAMES.items():
            if label in apps.app_configs:
                opts = apps.get_model(label, model_name)._meta
                opts.verbose_name, opts.verbose_name_plural = singular, plural
        from simple_history import register as register_history

        from forum.models import ReportedFigure
        from forum.third_party_admin import name_in_reader_language

        # After modeltranslation's columns exist (see common.history); partner keys keep none.
        if not hasattr(ReportedFigure, "history"):
            register_history(ReportedFigure, app=self.label)

        name_in_reader_language()
