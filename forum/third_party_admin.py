"""The admin screens of Django's accounts, django-otp's devices and django-axes' sign-in
records in the reader's language.

django-otp marks none of its labels for translation, django-axes names some columns
by their method names, and Django's permission names are stored in English: here they
are re-registered with labels looked up in the reader's catalogue (locale_vendor/)."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language, gettext, gettext_lazy, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.dates import format_moment

# Apps whose field names and help texts are plain English strings.
UNMARKED_APPS = ("otp_totp", "otp_static")

# The secretariat's roles (forum/migrations/0002_secretariat_groups.py): stored by name.
GROUP_NAMES = {
    "Secretariat editors": _("Secretariat editors"),
    "Secretariat viewers": _("Secretariat viewers"),
}
PERMISSION_ACTIONS = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}
SEARCH_BY_USER = _("Search by the user's name or e-mail address")


def translate_unmarked_labels():
    """Field names, help texts and model names of UNMARKED_APPS looked up in the catalogue
    when shown (gettext of the English text), as if their authors had marked them."""
    for label in UNMARKED_APPS:
        for model in apps.get_app_config(label).get_models():
            opts = model._meta
            for name in ("verbose_name", "verbose_name_plural"):
                with override(None):  # the English text, the catalogue's key
                    setattr(opts, name, gettext_lazy(str(getattr(opts, name))))
            for field in opts.get_fields():
                if isinstance(getattr(field, "verbose_name", None), str):
                    field.verbose_name = gettext_lazy(field.verbose_name)
                if isinstance(getattr(field, "help_text", None), str) and field.help_text:
                    field.help_text = gettext_lazy(field.help_text)


def _link_name(link):
    first, second = (field for field in link._meta.fields if field.is_relation)
    return f"{getattr(link, first.name)} – {getattr(link, second.name)}"


def name_links_and_histories():
    """Django names the rows linking two records (a group's permissions, a user's groups)
    "Group-permission relationship: Group_permissions object (3)", and django-simple-history
    its records "historical city", in English whatever the reader's language."""
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.auto_created:
            first, second = (field for field in opts.fields if field.is_relation)
            opts.verbose_name = format_lazy(
                _("link of {} and {}"),
                first.related_model._meta.verbose_name,
                second.related_model._meta.verbose_name,
            )
            opts.verbose_name_plural = format_lazy(
                _("links of {} and {}"),
                first.related_model._meta.verbose_name,
                second.related_model._meta.verbose_name,
            )
            model.__str__ = _link_name
        elif getattr(model, "instance_type", None) is not None and model.__name__.startswith(
            "Historical"
        ):
            base = model.instance_type._meta
            opts.verbose_name = format_lazy(_("history of {}"), base.verbose_name)
            opts.verbose_name_plural = format_lazy(_("histories of {}"), base.verbose_name_plural)


def _sign_in_record(text):
    def name(record):
        return text % {
            "username": record.username or "—",
            "time": format_moment(record.attempt_time, get_language()),
        }

    return name


def group_name(group):
    name = GROUP_NAMES.get(group.name)
    return str(name) if name else group.name


def permission_label(permission):
    """«اعضا | شهر | افزودن»: app, model and action in the reader's language (Django shows
    the English name stored when the permission was made)."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None or model_name != content_type.model or action not in PERMISSION_ACTIONS:
        return f"{content_type} | {gettext(permission.name)}"
    app = apps.get_app_config(content_type.app_label).verbose_name
    return " | ".join(
        capfirst(str(part)) for part in (app, model._meta.verbose_name, PERMISSION_ACTIONS[action])
    )


class TranslatedFieldsetsMixin:
    """Fieldset titles of a third-party admin (plain English strings) in the reader's language."""

    def get_fieldsets(self, request, obj=None):
        return [
            (gettext(name) if name else name, options)
            for name, options in super().get_fieldsets(request, obj)
        ]


class AccountLabelsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        elif db_field.name == "groups":
            field.label_from_instance = group_name
        return field


class GroupAdmin(AccountLabelsMixin, auth_admin.GroupAdmin):
    list_display = ("shown_name",)

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, group):
        return group_name(group)


class UserAdmin(AccountLabelsMixin, auth_admin.UserAdmin):
    # Written by the sign-in and by the first save: records, not choices.
    readonly_fields = ("last_login", "date_joined")


class QRCodeLinkMixin:
    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, gettext("show the QR code"))


class TranslatedTOTPDeviceAdmin(QRCodeLinkMixin, TranslatedFieldsetsMixin, TOTPDeviceAdmin):
    search_help_text = SEARCH_BY_USER


class TranslatedStaticDeviceAdmin(TranslatedFieldsetsMixin, StaticDeviceAdmin):
    search_help_text = SEARCH_BY_USER


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.display(description=_("expires at"))
    def expiration(self, attempt):
        return super().expiration(attempt)

    @admin.display(description=_("status"))
    def status(self, attempt):
        return super().status(attempt)


def backup_code_name(token):
    # Django would call it "StaticToken object (1)"; the code itself is a secret.
    return gettext("backup code %(number)s") % {"number": token.pk}


def name_in_reader_language():
    """Called from ForumConfig.ready(), the last app's, once every model (the histories
    included) exists."""
    translate_unmarked_labels()
    name_links_and_histories()
    # Records named wherever they are shown (breadcrumbs, pickers, delete summaries).
    Group.__str__ = group_name
    Permission.__str__ = permission_label
    StaticToken.__str__ = backup_code_name
    AccessAttempt.__str__ = _sign_in_record(_("sign-in attempts by %(username)s, %(time)s"))
    AccessLog.__str__ = _sign_in_record(_("sign-in by %(username)s, %(time)s"))
    AccessFailureLog.__str__ = _sign_in_record(_("failed sign-in by %(username)s, %(time)s"))


def register():
    for model, model_admin in (
        (Group, GroupAdmin),
        (User, UserAdmin),
        (TOTPDevice, TranslatedTOTPDeviceAdmin),
        (StaticDevice, TranslatedStaticDeviceAdmin),
        (AccessAttempt, AccessAttemptAdmin),
        (AccessLog, axes_admin.AccessLogAdmin),
        (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
    ):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, model_admin)
