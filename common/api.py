"""What every endpoint of the partner API shares: one bilingual serializer base,
the language of a request, pagination that answers bad pages with 400,
conditional GET (ETag, Last-Modified, 304), CSV, and the OpenAPI description
of all of it. Imports neither `members` nor `summits`.
"""

import datetime
import functools
import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

import django_filters
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.encoding import iri_to_uri, punycode
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django_countries import countries
from django_countries.fields import CountryField as CountryModelField
from drf_spectacular.utils import extend_schema_field
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError

from common import response_cache
from common.dates import PartialDate, to_jalali
from common.models import Deletion

LANGUAGES = ("fa", "en")


# -- language ------------------------------------------------------------------------


def request_language(request) -> str:
    """`?lang=` if given (anything but fa/en is a 400), else the best of Accept-Language."""
    asked = request.query_params.get("lang")
    if asked is not None:
        if asked not in LANGUAGES:
            raise ValidationError({"lang": [_("Choose fa or en.")]})
        return asked
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        primary = code.split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return settings.LANGUAGE_CODE


def _language(context) -> str:
    return context.get("language") or translation.get_language() or settings.LANGUAGE_CODE


def _other(language):
    return "en" if language == "fa" else "fa"


# -- fields --------------------------------------------------------------------------


@extend_schema_field({"type": "string", "nullable": True})
class TranslatedField(serializers.Field):
    """A translated text in the requested language, falling back to the other one."""

    def __init__(self, base_name, **kwargs):
        self.base_name = base_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        language = _language(self.context)
        for code in (language, _other(language)):
            value = getattr(instance, f"{self.base_name}_{code}", None)
            if value:
                return value
        return None


I18N_SCHEMA = {
    "type": "object",
    "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGES},
    "required": list(LANGUAGES),
}


@extend_schema_field(I18N_SCHEMA)
class I18nField(serializers.Field):
    """Both languages of a translated text: {"fa": …, "en": …}; a missing one is null."""

    def __init__(self, base_name, **kwargs):
        self.base_name = base_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return {
            code: getattr(instance, f"{self.base_name}_{code}", None) or None for code in LANGUAGES
        }


PARTIAL_DATE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": (
        "A date known to the day, month or year. `date` is the first day of the period "
        "(ISO 8601, Gregorian) and `end` its last day; `precision` says how much is known "
        "and in which calendar it was given. Persian responses add the Solar Hijri forms."
    ),
    "properties": {
        "date": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date"},
        "precision": {
            "type": "string",
            "enum": ["day", "month", "year", "jalali_month", "jalali_year"],
        },
        "display": {"type": "string", "description": "As a reader of the language writes it."},
        "jalali_date": {"type": "string", "description": "Solar Hijri first day (fa only)."},
        "jalali_end": {"type": "string", "description": "Solar Hijri last day (fa only)."},
    },
    "required": ["date", "end", "precision", "display"],
}


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateField(serializers.Field):
    """A date with its precision, from a date attribute and a precision attribute."""

    def __init__(self, date_attr, precision_attr=None, when=None, **kwargs):
        """`when=(attribute, value)`: the date is given only when the attribute has that
        value (a start that is a start, not only an earliest mention)."""
        self.date_attr, self.precision_attr, self.when = date_attr, precision_attr, when
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        day = getattr(instance, self.date_attr)
        if self.when and getattr(instance, self.when[0], None) != self.when[1]:
            return None
        if day is None:
            return None
        precision = getattr(instance, self.precision_attr) if self.precision_attr else "day"
        # A fresh dict each time: the cached one must not be changed by a caller.
        return dict(_partial_date_data(day, precision, _language(self.context)))


@functools.lru_cache(maxsize=8192)
def _partial_date_data(day, precision, language):
    """The API form of a date with its precision (memoised: lists repeat the same dates,
    and the Solar Hijri conversion is the costliest part of a list's serialization)."""
    try:
        value = PartialDate(day, precision)
    except ValueError:  # an end day inside its period: known to the day
        value = PartialDate(day, "day")
    data = {
        "date": value.start.isoformat(),
        "end": value.end.isoformat(),
        "precision": value.precision,
        "display": value.format(language),
    }
    if language == "fa":
        data["jalali_date"] = to_jalali(value.start).isoformat()
        data["jalali_end"] = to_jalali(value.end).isoformat()
    return data


_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def as_uri(value: str) -> str:
    """An IRI as the URI it stands for (RFC 3987, 3.1): a host in Punycode, every other
    non-ASCII letter (and space) percent-encoded as UTF-8. `https://yjc.ir/fa/news/1/دعوت`
    becomes `https://yjc.ir/fa/news/1/%D8%AF%D8%B9%D9%88%D8%AA`; a URI stays as it is."""
    if not value:
        return value
    parts = urlsplit(value.strip())
    netloc = parts.netloc
    if not netloc.isascii():
        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.rpartition(":") if "]" not in hostport else ("", "", "")
        if not colon or not port.isdigit():
            host, colon, port = hostport, "", ""
        netloc = f"{userinfo}{at}{punycode(host)}{colon}{port}"
    return _LONE_PERCENT.sub("%25", iri_to_uri(urlunsplit(parts._replace(netloc=netloc))))


class UriField(serializers.URLField):
    """A link of the registry as a URI, so that it is the `format: uri` the schema says.

    Editors paste links as browsers show them, in Persian letters (IRIs); partners'
    generated clients and validators expect RFC 3986 URIs, which every browser still
    shows in Persian. The stored text is kept as typed; only the API encodes it.
    """

    def to_representation(self, value):
        return as_uri(super().to_representation(value))


@functools.lru_cache(maxsize=2048)
def country_name(code, language):
    """A country's name in a language (memoised: names never change while the portal runs)."""
    with translation.override(language):
        return str(countries.name(code)) or None


@extend_schema_field({"type": "string", "nullable": True})
class CountryNameField(serializers.Field):
    def __init__(self, attr, both=False, **kwargs):
        self.attr, self.both = attr, both
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        raw = (
            instance.get(self.attr) if isinstance(instance, dict) else getattr(instance, self.attr)
        )
        code = str(raw or "")
        if not code:
            return None
        if self.both:
            return {language: country_name(code, language) for language in LANGUAGES}
        return country_name(code, _language(self.context))


@extend_schema_field({"type": "string", "nullable": True, "description": "ISO 3166-1 alpha-2"})
class CountryCodeField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return str(value) or None


@extend_schema_field({"type": "integer", "nullable": True})
class PublicRefField(serializers.Field):
    """The id of a related record, or null when the public may not see it.

    A record the serialized one hangs on (its model's `public_through`) is public
    whenever the record is (common.models, "what the public may see"): its id is given
    as is. Any other reference is checked with the related record's `is_public`.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        if self.source in getattr(type(instance), "public_through", ()):
            return getattr(instance, f"{self.source}_id")
        related = getattr(instance, self.source)
        return related.pk if related is not None and related.is_public else None

    def to_representation(self, value):
        return value


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


class SourceSerializer(serializers.Serializer):
    """One text a fact comes from."""

    title = serializers.CharField(read_only=True)
    publisher = serializers.CharField(read_only=True)
    url = UriField(read_only=True)
    accessed_on = serializers.DateField(read_only=True, allow_null=True)
    archive_url = UriField(read_only=True, allow_blank=True)


# The one base of every API serializer.
#
# - a modeltranslation field `name` becomes `name` (requested language, falling back
# to the other) and `name_i18n` ({"fa": …, "en": …});
# - `Meta.partial_dates = {"started": ("started_on", "started_precision")}` adds
# dates with their precision (and Solar Hijri forms in Persian);
# - a country becomes its ISO code plus `<field>_name` and `<field>_name_i18n`;
# - a foreign key becomes the related id, or null while the public may not see the
# related record (so the view must `select_related` the references it holds);
# - a link (URLField) is a URI: an IRI's Persian letters percent-encoded (UriField);
# - `sources` is the list of texts a fact comes from (SourceSerializer; the view
# prefetches them);
# - times are UTC; a model's PRIVATE_FIELDS can never be listed.
#
# (A comment, not a docstring: OpenAPI would copy a docstring into every component.)
class BilingualSerializer(serializers.ModelSerializer):
    def get_fields(self):
        model = self.Meta.model
        private = set(getattr(model, "PRIVATE_FIELDS", ())) & set(self.Meta.fields)
        if private:
            raise ImproperlyConfigured(f"{type(self).__name__} lists private fields {private}")
        translated = translated_fields(model)
        fields = {}
        for name, field in super().get_fields().items():
            source = field.source if field.source not in (None, "*") else name
            model_field = _model_field(model, source)
            if name == "sources":
                fields[name] = SourceSerializer(many=True, read_only=True)
            elif name in translated:
                fields[name] = TranslatedField(name)
                fields[f"{name}_i18n"] = I18nField(name)
            elif isinstance(model_field, CountryModelField):
                fields[name] = CountryCodeField(**_source(source, name))
                fields[f"{name}_name"] = CountryNameField(source)
                fields[f"{name}_name_i18n"] = I18nCountryNameField(source, both=True)
            elif isinstance(model_field, models.URLField):
                fields[name] = UriField(**field._kwargs)
            elif isinstance(field, serializers.PrimaryKeyRelatedField):
                fields[name] = PublicRefField(**_source(source, name))
            elif isinstance(field, serializers.DateTimeField):
                field.timezone = datetime.UTC
                fields[name] = field
            else:
                fields[name] = field
        for name, attrs in getattr(self.Meta, "partial_dates", {}).items():
            fields[name] = PartialDateField(*attrs)
        return fields


@extend_schema_field({**I18N_SCHEMA, "nullable": True})
class I18nCountryNameField(CountryNameField):
    pass


def _source(source, name):
    return {} if source == name else {"source": source}


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


class UpdatedSinceField(django_filters.fields.forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            moment = parse_datetime(value)
            if moment is not None and timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            if moment is not None:
                # In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python accepts.
                moment = moment.astimezone(datetime.UTC)
        except (ValueError, OverflowError):
            moment = None
        if moment is None:
            raise django_filters.fields.forms.ValidationError(
                _("Give an ISO 8601 date and time, such as 2025-01-31T12:00:00Z."),
                code="invalid",
            )
        return moment


class UpdatedSinceFilter(django_filters.Filter):
    field_class = UpdatedSinceField


class SyncFilterSet(django_filters.FilterSet):
    """The filters every list has: `updated_since` for incremental sync."""

    updated_since = UpdatedSinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Only records changed at or after this ISO 8601 time (naive times are Tehran time).",
    )


def bounded_number(field_name, label, lookup_expr="exact", low=1, high=2**62):
    """A number filter: out-of-range values get a 400 instead of reaching the database."""
    return django_filters.NumberFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        min_value=low,
        max_value=high,
        decimal_places=0,
    )


def year_filter(field_name, label):
    return bounded_number(field_name, label, lookup_expr="year", low=1900, high=2100)


# -- views -----------------------------------------------------------------------------


class CachedAnswer(Exception):
    """Raised once authentication and throttling have passed and the cache holds the answer."""

    def __init__(self, response):
        self.response = response


class ApiViewMixin:
    """Language, Content-Language, ETag, Last-Modified and 304 for every API view."""

    # The resource name partners see in URLs and in the deletions feed.
    resource = ""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        request.api_language = request_language(request)
        # For the lazy texts of this response only: finalize_response restores the
        # language the middleware chose, so nothing leaks into the next request.
        request.language_before_api = translation.get_language()
        translation.activate(request.api_language)
        # A partner's request, after its key and rate limit are checked (anonymous ones are
        # cached by common.response_cache.ResponseCacheMiddleware).
        self.response_cache_key = None
        if response_cache.cacheable(request) and request.auth is not None:
            self.response_cache_key = response_cache.key_for(request, "partner")
            cached = self.response_cache_key and response_cache.fetch(self.response_cache_key)
            if cached is not None:
                raise CachedAnswer(cached)

    def handle_exception(self, exc):
        if isinstance(exc, CachedAnswer):
            return exc.response
        return super().handle_exception(exc)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["language"] = getattr(self.request, "api_language", None)
        return context

    def get_last_modified(self) -> datetime.datetime | None:
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        try:
            return self._conditional(
                request, super().finalize_response(request, response, *args, **kwargs)
            )
        finally:
            before = getattr(request, "language_before_api", None)
            if before:
                translation.activate(before)

    def _conditional(self, request, response):
        language = getattr(request, "api_language", None) or translation.get_language()
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language", "Authorization"])
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if getattr(response, "from_cache", False):
            return response_cache.conditional(request, response)
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        modified = self.get_last_modified()
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        if getattr(self, "response_cache_key", None) and response_cache.storable(response):
            response_cache.store(self.response_cache_key, response)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(modified.timestamp()) if modified else None,
            response=response,
        )


def latest_change(model, resource) -> datetime.datetime | None:
    """When a list of `model` last changed: an edit (triggers keep updated_at true) or a removal."""
    edited = model._default_manager.aggregate(latest=Max("updated_at"))["latest"]
    removed = Deletion.objects.filter(resource=resource).aggregate(latest=Max("removed_at"))[
        "latest"
    ]
    moments = [moment for moment in (edited, removed) if moment]
    return max(moments) if moments else None


class PublicViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only resource: lists (paginated, filtered, `updated_since`) and records by id."""

    # Anything up to the next slash reaches the view, so a bad id gets a JSON 404.
    lookup_value_regex = r"[^/]+"
    ordering = ["id"]

    def get_object(self):
        value = str(self.kwargs.get(self.lookup_field, ""))
        if not value.isdigit() or len(value) > 18:
            raise NotFound(_("No public record with this id."))
        self._object = super().get_object()
        return self._object

    def get_last_modified(self):
        if self.action == "retrieve":
            return getattr(getattr(self, "_object", None), "updated_at", None)
        return latest_change(self.get_queryset().model, self.resource)
