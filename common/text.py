"""What a name or a text of the registry may hold: no invisible control characters.

A right-to-left override (U+202E) in a city's name would reorder the page
around it and let one name pass for another; a null character cannot be
stored by PostgreSQL at all. So text with explicit bidi embeddings, overrides
or isolates (U+202A–U+202E, U+2066–U+2069), zero-width spaces and joiners that
hide a difference (U+200B, U+2060, U+FEFF) or C0/C1 control characters
(other than tab and line breaks) is refused when a record is validated, and
the translated texts carry a CHECK constraint so that no path stores it.

Allowed: the zero-width non-joiner (U+200C), normal in Persian; the zero-width
joiner (U+200D); the left-to-right and right-to-left marks (U+200E, U+200F)
and the Arabic letter mark (U+061C), which only place neutral characters and
are how mixed Persian–English text is written correctly.
"""

import re

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b\u2060\ufeff"
# C0 controls except tab, line feed and carriage return; DEL and the C1 controls.
_CONTROLS = "\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# For PostgreSQL (which cannot hold NUL at all) and for Python alike.
FORBIDDEN_CLASS = f"[{_BIDI_CONTROLS}{_INVISIBLE}{_CONTROLS}]"
_FORBIDDEN = re.compile(f"[\x00{_BIDI_CONTROLS}{_INVISIBLE}{_CONTROLS}]")

MESSAGE = _(
    "Remove the invisible control character %(character)s: direction overrides, "
    "zero-width spaces and control characters are not allowed in the registry's texts."
)


def forbidden_character(value) -> str | None:
    """The first character of `value` that the registry refuses, as U+XXXX, or None."""
    if not isinstance(value, str):
        return None
    found = _FORBIDDEN.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def strip_control_characters(value: str) -> str:
    """`value` without the characters the registry refuses (for text a reader types in
    and sees again, such as a search, which is never stored)."""
    return _FORBIDDEN.sub("", value)


def without_control_characters(*fields: str) -> Q:
    """A CHECK condition: none of `fields` holds a refused character (NULL passes)."""
    condition = Q()
    for field in fields:
        condition &= Q(**{f"{field}__isnull": True}) | ~Q(**{f"{field}__regex": FORBIDDEN_CLASS})
    return condition


def translated(*fields: str) -> list[str]:
    """The Persian and English columns of translated fields: name → name_fa, name_en."""
    return [
        f"{field}_{language}"
        for field in fields
        for language in settings.MODELTRANSLATION_LANGUAGES
    ]
