"""Form fields that let staff type dates the way they write them.

In Persian, a date is typed and shown in the Solar Hijri calendar
(۱۳۹۷/۰۹/۰۸, 1397-09-08), and a year or a month alone (۱۳۹۴, 1394/03) is a
date known only to that year or month. In English, dates are Gregorian
(2018-11-29, 2013-11, 2013), and a Jalali period can still be given as
"jalali:1394". The field cleans to a PartialDate; the form stores its first day
in the date column and its precision in the precision column beside it.
"""

import datetime
import re

import jdatetime
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.dates import (
    DatePrecision,
    PartialDate,
    format_day,
    is_persian,
    persian_digits,
    to_jalali,
)

# Persian ۰–۹ and Arabic-Indic ٠–٩ digits, read as 0–9.
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SEPARATORS = re.compile(r"\s*[-/.\u2044\u066b]\s*")
# A Jalali year typed in the Persian admin is below this; a Gregorian one is above.
_FIRST_GREGORIAN_YEAR = 1700


class DateSyntaxError(ValueError):
    pass


class LooksJalaliError(ValueError):
    """A year such as 1394 typed in the English admin: a Solar Hijri year, surely."""


def _numbers(text: str) -> list[int]:
    value = text.strip().translate(_DIGITS)
    parts = _SEPARATORS.split(value)
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        raise DateSyntaxError(text)
    return [int(part) for part in parts]


def parse_typed_date(text: str, language: str | None) -> PartialDate:
    """A date as staff type it: Jalali in Persian (by default), Gregorian in English.

    Raises ValueError (DateSyntaxError for text that is not a date at all).
    """
    value = str(text).strip()
    if value.lower().startswith("jalali:"):
        return _jalali(_numbers(value[len("jalali:") :]))
    numbers = _numbers(value)
    if numbers[0] < _FIRST_GREGORIAN_YEAR:
        if is_persian(language):
            return _jalali(numbers)
        raise LooksJalaliError(text)
    return _gregorian(numbers)


def _jalali(numbers: list[int]) -> PartialDate:
    if len(numbers) == 1:
        return PartialDate.jalali_year(numbers[0])
    if len(numbers) == 2:
        jdatetime.date(numbers[0], numbers[1], 1)  # raises on a month out of range
        return PartialDate.jalali_month(*numbers)
    return PartialDate(jdatetime.date(*numbers).togregorian(), DatePrecision.DAY)


def _gregorian(numbers: list[int]) -> PartialDate:
    if len(numbers) == 1:
        return PartialDate(datetime.date(numbers[0], 1, 1), DatePrecision.YEAR)
    if len(numbers) == 2:
        return PartialDate(datetime.date(numbers[0], numbers[1], 1), DatePrecision.MONTH)
    return PartialDate(datetime.date(*numbers), DatePrecision.DAY)


def typed_form(value: PartialDate | datetime.date, language: str | None) -> str:
    """How the date field shows a stored date, so that saving it again keeps it as is."""
    if isinstance(value, datetime.date):
        value = PartialDate(value, DatePrecision.DAY)
    start, precision = value.start, value.precision
    jalali = to_jalali(start)
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision == DatePrecision.MONTH:
        return f"{start.year}-{start.month:02d}"
    if is_persian(language):
        if precision == DatePrecision.JALALI_YEAR:
            return persian_digits(jalali.year)
        if precision == DatePrecision.JALALI_MONTH:
            return persian_digits(f"{jalali.year}/{jalali.month:02d}")
        return persian_digits(f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}")
    if precision == DatePrecision.JALALI_YEAR:
        return f"jalali:{jalali.year}"
    if precision == DatePrecision.JALALI_MONTH:
        return f"jalali:{jalali.year}-{jalali.month:02d}"
    return start.isoformat()


def spelled_out(value: PartialDate | datetime.date | None, language: str | None) -> str:
    """The date in words: «۸ آذر ۱۳۹۷», "29 November 2018", «۱۳۹۴»."""
    if not value:
        return ""
    if isinstance(value, PartialDate):
        return value.format(language)
    return format_day(value, language)


class CalendarDateInput(forms.TextInput):
    """A text box showing the date in the reader's calendar, with the date in words beside it."""

    template_name = "common/widgets/calendar_date.html"

    def __init__(self, attrs=None):
        super().__init__({"size": 12, "dir": "ltr", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, PartialDate | datetime.date):
            return typed_form(value, get_language())
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        language = get_language()
        context["widget"]["spelled_out"] = (
            spelled_out(value, language) if isinstance(value, PartialDate | datetime.date) else ""
        )
        context["widget"]["example"] = (
            _("Solar Hijri: ۱۳۹۷/۰۹/۰۸, or a year alone: ۱۳۹۴")
            if is_persian(language)
            else _("e.g. 2018-11-29, or a year alone: 2013")
        )
        return context


class PartialDateField(forms.Field):
    """Cleans typed text to a PartialDate in the calendar of the active language."""

    widget = CalendarDateInput
    default_error_messages = {
        "invalid": _("Enter a date such as %(example)s."),
        "invalid_day": _("There is no such day in the calendar: %(value)s."),
        "looks_jalali": _(
            "%(value)s looks like a Solar Hijri date: type it as jalali:%(value)s, "
            "or use the Persian admin."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.date):
            return PartialDate(value, DatePrecision.DAY)
        language = get_language()
        try:
            return parse_typed_date(value, language)
        except DateSyntaxError:
            example = "۱۳۹۷/۰۹/۰۸" if is_persian(language) else "2018-11-29"
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"example": example}
            ) from None
        except LooksJalaliError:
            raise forms.ValidationError(
                self.error_messages["looks_jalali"],
                code="looks_jalali",
                params={"value": str(value).strip().translate(_DIGITS)},
            ) from None
        except (ValueError, OverflowError):
            raise forms.ValidationError(
                self.error_messages["invalid_day"], code="invalid_day", params={"value": value}
            ) from None

    def prepare_value(self, value):
        return value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
        except forms.ValidationError:
            return True
        initial = self.to_python(initial) if initial not in self.empty_values else None
        return initial != data


# What a browser sends, read as what was meant: a form shown and saved untouched is
# unchanged, and a number may be typed with Persian or Arabic digits.

# Persian/Arabic decimal separator «٫» and thousands separator «٬».
_NUMBER_MARKS = str.maketrans({"\u066b": ".", "\u066c": None})


def latin_digits(text: str) -> str:
    """Persian ۰–۹ and Arabic-Indic ٠–٩ digits as 0–9, «٫» as the decimal point and
    without «٬» thousands separators; everything else as it was."""
    return text.translate(_DIGITS).translate(_NUMBER_MARKS)


def single_line_breaks(text: str) -> str:
    """A browser sends a text area's line breaks as CRLF; the registry stores LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TypedText:
    """A text field that reads CRLF as LF and compares with the stored text as typed:
    line breaks and surrounding spaces (which the field strips) are no change."""

    def to_python(self, value):
        if isinstance(value, str):
            value = single_line_breaks(value)
        return super().to_python(value)

    def has_changed(self, initial, data):
        if isinstance(initial, str):
            initial = self.to_python(initial)
        return super().has_changed(initial, data)


class TypedNumber:
    """A number field that reads Persian and Arabic digits and separators."""

    def to_python(self, value):
        if isinstance(value, str):
            value = latin_digits(value)
        return super().to_python(value)


_TYPED_CLASSES = {}


def read_as_typed(field: forms.Field) -> forms.Field:
    """`field`, made to read what a browser sends as what was meant (TypedText,
    TypedNumber); fields of other kinds are returned as they were."""
    if isinstance(field, forms.CharField):
        mixin = TypedText
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        mixin = TypedNumber
    else:
        return field
    base = type(field)
    if not issubclass(base, mixin):
        if base not in _TYPED_CLASSES:
            _TYPED_CLASSES[base] = type(base.__name__, (mixin, base), {})
        field.__class__ = _TYPED_CLASSES[base]
    return field
