"""Names in the reader's alphabetical order.

The embedded PostgreSQL is built without ICU (no "fa-x-icu" collation) and
libc locales vary by machine, so Persian order is spelled out here, once: each
letter of the Persian alphabet maps to a code point in alphabetical order, and
the mapped text is compared byte by byte (COLLATE "C"). Arabic letter forms sort
with their Persian twins (ك with ک, ي with ی), and a half-space with a space.
In Python, `persian_sort_key` applies the same mapping.
"""

from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Collate, Lower

from common.dates import is_persian

PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
# Arabic forms read as the Persian letter they are written for.
VARIANTS = {"ك": "ک", "ي": "ی", "ى": "ی", "ئ": "ی", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا",
            "ٱ": "ا", "ؤ": "و", "\u200c": " "}  # fmt: skip
_FIRST = 0xE000  # private-use code points: above every letter and digit of other scripts

_SOURCE = PERSIAN_ALPHABET + "".join(VARIANTS)
_TARGET = "".join(chr(_FIRST + index) for index in range(len(PERSIAN_ALPHABET))) + "".join(
    chr(_FIRST + PERSIAN_ALPHABET.index(letter)) if letter in PERSIAN_ALPHABET else letter
    for letter in VARIANTS.values()
)
_TABLE = str.maketrans(_SOURCE, _TARGET)


def persian_sort_key(text: str) -> str:
    return (text or "").lower().translate(_TABLE)


class PersianOrder(Func):
    """translate(lower(field), alphabet, order) COLLATE "C": the Persian sort key in SQL."""

    function = "translate"
    output_field = TextField()

    def __init__(self, field):
        super().__init__(Lower(F(field)), Value(_SOURCE), Value(_TARGET))


def by_name(base: str, language: str | None):
    """An ordering expression for the translated field `base` in the reader's language."""
    if is_persian(language):
        return Collate(PersianOrder(f"{base}_fa"), "C").asc()
    return Lower(f"{base}_en").asc()
