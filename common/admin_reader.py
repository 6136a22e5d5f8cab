"""The admin in the reader's language: integers and moments in list columns in the
reader's digits and calendar, names in the reader's alphabetical order, search boxes
and pickers that fold spelling variants as the public search does, a history that
reads as words, country filters listing only the countries in use, and inline rows
that carry their sources."""

import datetime
import json

from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from simple_history.template_utils import HistoricalRecordContextHelper

from common.collation import by_name, persian_sort_key
from common.dates import digits_for, format_moment, is_persian
from common.forms import spelled_out
from common.search import matching_every_word


def number_column(field):
    """A list column showing an integer in the reader's digits, sortable as the field."""

    @admin.display(description=field.verbose_name, ordering=field.name)
    def column(obj):
        value = getattr(obj, field.attname)
        return "" if value is None else digits_for(value, get_language())

    return column


def yes_no_column(field):
    """A list column showing a yes/no icon whose text alternative is in the reader's language
    (Django's own says "True" and "False")."""

    @admin.display(description=field.verbose_name, ordering=field.name)
    def column(obj):
        return boolean_icon(getattr(obj, field.attname))

    return column


def moment_column(field):
    """A list column showing a date and time in the reader's calendar and digits."""

    @admin.display(description=field.verbose_name, ordering=field.name)
    def column(obj):
        value = getattr(obj, field.attname)
        return format_moment(value, get_language()) if value else ""

    return column


def _in_reader_calendar(value, language):
    """A date or moment in the reader's calendar and digits, or None for other values."""
    if isinstance(value, datetime.datetime):
        return format_moment(value, language)
    if isinstance(value, datetime.date):
        return spelled_out(value, language)
    return None


def readable_value(field, value, language):
    """A stored value as the admin shows it: choice labels, yes/no, dates in the reader's
    calendar, numbers in the reader's digits, an empty value as a dash."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    shown = _in_reader_calendar(value, language)
    if shown is not None:
        return shown
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return digits_for(value, language)
    return value


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """The history's list of changes with labels, not stored codes (`None`, `month`, `True`)."""

    # Bookkeeping that every save moves on: not a change anyone made.
    hidden_fields = ("version", "updated_at")

    def context_for_delta_changes(self, delta):
        return [
            change
            for change in super().context_for_delta_changes(delta)
            if change["field"] not in self._hidden_labels()
        ]

    def _hidden_labels(self):
        labels = set()
        for name in self.hidden_fields:
            try:
                labels.add(capfirst(self.model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                pass
        return labels

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, list):
            return value
        return readable_value(field, value, get_language())


class ReaderLanguageMixin:
    """What the reader sees in their language: integers and moments in list columns, the
    Persian alphabetical order of names, search that folds spelling variants, and a history
    that reads as words."""

    # Translated name fields ordered by the reader's alphabet (see common.collation).
    ordered_by_name = None

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def get_list_display(self, request):
        columns = []
        for name in super().get_list_display(request):
            field = None
            if isinstance(name, str):
                try:
                    field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    field = None
            counted = isinstance(field, models.IntegerField) and not field.primary_key
            if counted and not field.choices:
                columns.append(number_column(field))
            elif isinstance(field, models.BooleanField):
                columns.append(yes_no_column(field))
            elif isinstance(field, models.DateTimeField):
                columns.append(moment_column(field))
            else:
                columns.append(name)
        return columns

    def get_ordering(self, request):
        if self.ordered_by_name:
            return [by_name(self.ordered_by_name, get_language()), "pk"]
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        fields = [name.lstrip("^=@") for name in self.get_search_fields(request)]
        # Text without a letter or digit ("%", "--") folds to nothing: it is searched literally.
        if not fields or not any(character.isalnum() for character in search_term):
            return super().get_search_results(request, queryset, search_term)
        opts = self.model._meta
        duplicates = any(lookup_spawns_duplicates(opts, name) for name in fields)
        return matching_every_word(queryset, fields, search_term), duplicates


def country_filter(field_path: str, title=None):
    """A list filter offering only the countries in use, by name in the reader's language
    and alphabet (instead of every country of the world)."""

    class CountryFilter(admin.SimpleListFilter):
        parameter_name = field_path

        def lookups(self, request, model_admin):
            codes = (
                model_admin.get_queryset(request)
                .exclude(**{field_path: ""})
                .order_by()
                .values_list(field_path, flat=True)
                .distinct()
            )
            names = [(code, str(Country(code).name)) for code in codes if code]
            if is_persian(get_language()):
                return sorted(names, key=lambda item: persian_sort_key(item[1]))
            return sorted(names, key=lambda item: item[1].lower())

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field_path: self.value()})
            return queryset

    CountryFilter.title = title or _("country")
    return CountryFilter


# The sources of a record, where it is edited: in its own form and in every inline.
SOURCE_FIELDSET = (
    _("sources"),
    {"classes": ["collapse"], "fields": ["certainty", "sources", "source_note"]},
)

# A period as far as it is known (common.models.PeriodModel), where it is edited.
PERIOD_FIELDS = [
    ("started_on", "started_precision", "start_kind"),
    ("end_kind", "ended_on", "ended_precision"),
    ("ended_not_before", "ended_not_before_precision"),
]


class PublishedLikeParentMixin:
    """A new document row is published when the record it is attached to is: what staff
    just attached is not hidden from the public without a word (the box is at the row's
    head, with its help text)."""

    def parent_is_published(self, obj):
        return bool(getattr(obj, "is_published", False))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "is_published" in formset.form.base_fields:
            formset.form.base_fields["is_published"].initial = self.parent_is_published(obj)
        return formset


def boolean_icon(value):
    """Django's yes/no icon, its text alternative in the reader's language (Django's says
    "True" and "False")."""
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: _("yes"), False: _("no"), None: _("unknown")}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


def show_values_in_reader_language():
    """Django's admin writes stored dates and times (list columns and read-only fields of
    every screen, Django's and third parties' included) in the Gregorian calendar and
    yes/no icons as "True"/"False"; Persian readers get dates in the Solar Hijri calendar
    with Persian digits, as our own columns, and every reader gets yes/no in their language.
    Django offers no hook for this, so its display functions are wrapped here, once
    (common.apps), where the admin's modules look them up."""
    from django.contrib.admin import helpers, utils
    from django.contrib.admin.templatetags import admin_list

    original_field, original_value = utils.display_for_field, utils.display_for_value

    def display_for_field(value, field, empty_value_display, *args, **kwargs):
        language = get_language()
        if is_persian(language) and not field.choices:
            shown = _in_reader_calendar(value, language)
            if shown is not None:
                return shown
        return original_field(value, field, empty_value_display, *args, **kwargs)

    def display_for_value(value, empty_value_display, *args, **kwargs):
        language = get_language()
        if is_persian(language):
            shown = _in_reader_calendar(value, language)
            if shown is not None:
                return shown
        return original_value(value, empty_value_display, *args, **kwargs)

    admin_list._boolean_icon = boolean_icon
    for module in (utils, helpers, admin_list):
        if hasattr(module, "display_for_field"):
            module.display_for_field = display_for_field
        if hasattr(module, "display_for_value"):
            module.display_for_value = display_for_value


def _label_in_reader_language(label):
    """A field or model name as the history stored it (English, often capitalised: "First
    name"), in the reader's language; catalogues hold most of them in lower case."""
    translated = gettext(label)
    if translated == label and label:
        lowered = label[0].lower() + label[1:]
        if gettext(lowered) != lowered:
            translated = capfirst(gettext(lowered))
    return translated


def show_change_messages_in_reader_language():
    """Django's history translates the English labels it stored with gettext as they are,
    so a capitalised "First name" or "Expires at" stays English on Persian screens. The
    labels are translated here first, and Django then writes its sentences around them."""
    from django.contrib.admin.models import LogEntry

    original = LogEntry.get_change_message

    def get_change_message(self):
        try:
            messages = json.loads(self.change_message or "")
        except json.JSONDecodeError:
            messages = None
        if not isinstance(messages, list):
            return original(self)
        for message in messages:
            for detail in message.values():
                if not isinstance(detail, dict):
                    continue
                if "name" in detail:
                    detail["name"] = _label_in_reader_language(detail["name"])
                if "fields" in detail:
                    detail["fields"] = [_label_in_reader_language(f) for f in detail["fields"]]
        return original(LogEntry(change_message=json.dumps(messages)))

    LogEntry.get_change_message = get_change_message
