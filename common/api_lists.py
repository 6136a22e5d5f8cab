"""List machinery of the partner API that the DRF settings name (pagination, ordering,
CSV): kept apart from `common.api` because DRF imports these while it loads its views."""

import csv
import io
import json

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

from common.dates import is_persian, persian_digits
from common.spreadsheets import neutralise

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


# -- lists: pagination, filters, ordering -----------------------------------------------


def _numbers(**numbers):
    """Numbers for a message, in Persian digits when the answer is in Persian."""
    if is_persian(get_language()):
        return {key: persian_digits(value) for key, value in numbers.items()}
    return numbers


def _whole_number(request, name, default, low, high):
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ValidationError(
            {
                name: [
                    _("Give a whole number from %(low)s to %(high)s.")
                    % _numbers(low=low, high=high)
                ]
            }
        )
    return value


class Pagination(PageNumberPagination):
    """Numbered pages of up to 500 records; a bad `page` or `page_size` is a 400, not a 404."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        size = _whole_number(request, "page_size", self.page_size, 1, MAX_PAGE_SIZE)
        number = _whole_number(request, "page", 1, 1, 10**9)
        paginator = Paginator(queryset, size)
        if number > paginator.num_pages:
            raise ValidationError(
                {
                    "page": [
                        _("There is no page %(number)s: the last page is %(last)s.")
                        % _numbers(number=number, last=paginator.num_pages)
                    ]
                }
            )
        self.page = paginator.page(number)
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1 to the last page (else 400).",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Records per page, 1 to {MAX_PAGE_SIZE} "
                f"(default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


class StableOrderingFilter(OrderingFilter):
    """`?ordering=` over the listed fields; unknown fields are a 400; ties broken by id."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len([f for f in fields if f]):
            allowed = ", ".join(name for name, _label in self.get_valid_fields(queryset, view))
            raise ValidationError(
                {"ordering": [_("Order by one of: %(fields)s.") % {"fields": allowed}]}
            )
        return valid

    def get_schema_operation_parameters(self, view):
        fields = [name for name, _label in self.get_valid_fields(view.queryset, view)]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Comma-separated fields among "
                + ", ".join(f"`{name}`" for name in fields)
                + "; `-` before a field for descending. Ties are broken by id.",
                "schema": {"type": "string"},
            }
        ]

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not any(term.lstrip("-") == "id" for term in ordering):
            ordering.append("id")
        return ordering


# -- CSV -------------------------------------------------------------------------------


def _flatten(value, prefix="", into=None):
    into = {} if into is None else into
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}{key}.", into)
    elif isinstance(value, list):
        # DRF's encoder: the numbers, dates and lazy texts a serializer leaves in a list.
        into[prefix[:-1]] = json.dumps(value, ensure_ascii=False, cls=JSONEncoder)
    else:
        into[prefix[:-1]] = "" if value is None else value
    return into


class CSVRenderer(BaseRenderer):
    """`?format=csv`: one row per record, nested objects as dotted columns, lists as JSON.

    A text a spreadsheet would run as a formula starts with an apostrophe
    (common.spreadsheets)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        rows = [
            {key: neutralise(value) for key, value in _flatten(row).items()}
            for row in (data if isinstance(data, list) else [data])
        ]
        header = list(dict.fromkeys(key for row in rows for key in row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")


class ContentNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 naming the parameter and the formats this endpoint
    offers, in JSON whatever the endpoint's own renderers (YAML for the schema, HTML
    for the docs), not DRF's bare 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            offered = ", ".join(dict.fromkeys(r.format for r in renderers if r.format))
            # DRF renders the error with the renderer set here (else its first one).
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
            raise ValidationError(
                {
                    self.settings.URL_FORMAT_OVERRIDE: [
                        _("Choose one of: %(formats)s.") % {"formats": offered}
                    ]
                }
            ) from None


MAX_SEARCH_LENGTH = 200


class KeyedSearchFilter(SearchFilter):
    """`?search=` in both languages; a bad value is a 400 naming `search`, like every filter.

    At most 200 characters: each word is one more condition on every searched column."""

    def get_search_terms(self, request):
        text = request.query_params.get(self.search_param, "")
        if len(text) > MAX_SEARCH_LENGTH:
            raise ValidationError(
                {
                    self.search_param: [
                        _("The search text is too long: %(limit)s characters at most.")
                        % _numbers(limit=MAX_SEARCH_LENGTH)
                    ]
                }
            )
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from None
