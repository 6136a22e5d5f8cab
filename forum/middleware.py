"""Requests refused before any view sees them."""

import re

from django.contrib import admin
from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.dates import is_persian, persian_digits_in_text


class RejectNullCharacterMiddleware:
    """A null character in a query parameter is a 400 naming the parameter.

    PostgreSQL cannot hold or compare text with a null character; without this,
    every search box and filter would have to catch it or fail with a 500. The API
    answers in JSON (`{"search": ["…"]}`), as its other bad parameters do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return self.refuse(request, name.replace("\x00", "\N{REPLACEMENT CHARACTER}"))
        return self.get_response(request)

    def refuse(self, request, name):
        message = _("The parameter “%(name)s” holds a null character.") % {"name": name}
        if request.path.startswith("/api/"):
            return JsonResponse({name: [message]}, status=400)
        return HttpResponseBadRequest(
            loader.render_to_string("400.html", {"message": message}, request=None)
        )


class PersianAdminDigitsMiddleware:
    """Persian admin pages show their numbers in Persian digits, Django's and third-party
    screens included (counts, page numbers, object names, times).

    Our own columns and values already say numbers in the reader's digits; this covers
    the text that Django, django-axes and django-otp write with Latin digits. Only text
    between tags changes, never markup, form values, scripts, `<code>` or `<kbd>` (a
    value as it was typed, as an import's errors quote it), and codes keep their
    digits (common.dates.persian_digits_in_text). JavaScript-made text (the
    "selected" counter) is turned by static/js/admin_persian_digits.js.
    """

    _PIECES = re.compile(r"(<[^>]*>)")
    _RAW = re.compile(r"<(/?)(script|style|textarea|pre|code|kbd)\b", re.IGNORECASE)
    # Attributes read out or shown as text: a checkbox's "select «…»", an icon's name.
    _SPOKEN = re.compile(r'(\s(?:title|aria-label|alt|placeholder)=")([^"]*)(")')

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_persian(get_language())
            and getattr(request.resolver_match, "namespace", None) == admin.site.name
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and response.content
        ):
            response.content = self.persian_text(response.content.decode(response.charset))
        return response

    @staticmethod
    def _spoken_digits(match):
        return match.group(1) + persian_digits_in_text(match.group(2)) + match.group(3)

    def persian_text(self, html: str) -> str:
        pieces, raw = [], 0
        for piece in self._PIECES.split(html):
            if piece.startswith("<"):
                tag = self._RAW.match(piece)
                if tag:
                    raw += -1 if tag.group(1) else 1
                    raw = max(raw, 0)
                pieces.append(self._SPOKEN.sub(self._spoken_digits, piece))
            else:
                pieces.append(piece if raw else persian_digits_in_text(piece))
        return "".join(pieces)
