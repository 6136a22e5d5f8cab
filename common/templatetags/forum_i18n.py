from django import template
from django.urls import translate_url

from common.structured_data import json_ld

register = template.Library()

OPEN_GRAPH_LOCALES = {"fa": "fa_IR", "en": "en_GB"}


@register.simple_tag(takes_context=True)
def page_in_language(context, language, absolute=False):
    """The current page's address in another language, query string kept."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return request.build_absolute_uri(url) if absolute else url


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context["request"]
    return request.build_absolute_uri(path) if path else request.build_absolute_uri()


@register.filter
def og_locale(language):
    return OPEN_GRAPH_LOCALES.get(language, language)


@register.filter
def jsonld(data):
    """A schema.org JSON-LD script element."""
    return json_ld(data)
