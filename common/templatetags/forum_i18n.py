from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

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


@register.simple_tag
def translated(record, field):
    """A translated text in the page's language; when only the other language has it, that
    text in an element of its own `lang` and `dir`, so it is read and laid out as itself."""
    language = get_language()
    text = getattr(record, f"{field}_{language}", "") or ""
    if text:
        return text
    for other, _name in settings.LANGUAGES:
        fallback = getattr(record, f"{field}_{other}", "") or ""
        if other != language and fallback:
            direction = "rtl" if get_language_info(other)["bidi"] else "ltr"
            return format_html('<span lang="{}" dir="{}">{}</span>', other, direction, fallback)
    return ""
