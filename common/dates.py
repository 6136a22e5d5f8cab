"""Dates as the forum knows them: sometimes to the day, sometimes only to the
month or year, and sometimes only in the Solar Hijri calendar ("Kashan joined
in 1394"). Shown in Jalali with Persian digits on Persian pages and in
Gregorian on English ones.

A partial date is stored as the first day of its period plus a precision; the
precision also says in which calendar the period was given, so a Jalali year
is never turned into an invented Gregorian day or year.
"""

import datetime
import re
from dataclasses import dataclass

import jdatetime
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
GREGORIAN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    JALALI_MONTH = "jalali_month", _("month (Solar Hijri)")
    JALALI_YEAR = "jalali_year", _("year (Solar Hijri)")


def persian_digits(value) -> str:
    return str(value).translate(PERSIAN_DIGITS)


# A number as text reads: digits with the separators of counts, dates, times and phone
# numbers. A token holding a letter (IR-10, T0, a key) or shaped as an IP address is a
# code and keeps its Latin digits.
_NUMBER_TOKEN = re.compile(r"(?<![\w./:@&-])(?<!&#)[+-]?[0-9][0-9.,:/٫٬-]*(?![\w/@-]|[.,:]\w)")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def persian_digits_in_text(text: str) -> str:
    """Running text with its numbers in Persian digits, codes left as they are."""

    def convert(match):
        number = match.group(0)
        return number if _IPV4.match(number.rstrip(".,:")) else persian_digits(number)

    return _NUMBER_TOKEN.sub(convert, text)


def is_persian(language: str | None) -> bool:
    return (language or "").split("-")[0] == "fa"


def digits_for(value, language: str | None) -> str:
    """A number (or text holding numbers) in the digits of `language`."""
    return persian_digits(value) if is_persian(language) else str(value)


_PERSIAN_ORDINALS = (
    "نخستین", "دومین", "سومین", "چهارمین", "پنجمین", "ششمین", "هفتمین", "هشتمین", "نهمین",
    "دهمین", "یازدهمین", "دوازدهمین", "سیزدهمین", "چهاردهمین", "پانزدهمین", "شانزدهمین",
    "هفدهمین", "هجدهمین", "نوزدهمین", "بیستمین",
)  # fmt: skip


def ordinal(number: int, language: str | None) -> str:
    """«سومین», "3rd": the ordinal before a numbered meeting («سومین مجمع عمومی»)."""
    if is_persian(language):
        if 1 <= number <= len(_PERSIAN_ORDINALS):
            return _PERSIAN_ORDINALS[number - 1]
        return f"{persian_digits(number)}مین"
    teens = 10 <= number % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def to_jalali(day: datetime.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def jalali_month_start(year: int, month: int) -> datetime.date:
    return jdatetime.date(year, month, 1).togregorian()


def jalali_month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return jalali_month_start(year + 1, 1) - datetime.timedelta(days=1)
    return jalali_month_start(year, month + 1) - datetime.timedelta(days=1)


def _gregorian_month_end(day: datetime.date) -> datetime.date:
    following = day.replace(day=28) + datetime.timedelta(days=4)
    return following - datetime.timedelta(days=following.day)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, month or year, in either calendar."""

    start: datetime.date
    precision: str = DatePrecision.DAY

    def __post_init__(self):
        if self.precision not in DatePrecision.values:
            raise ValueError(f"unknown date precision {self.precision!r}")
        if self.start != self.normalised_start():
            raise ValueError(f"{self.start} does not start a {self.precision} period")

    @classmethod
    def jalali_year(cls, year: int) -> "PartialDate":
        return cls(jalali_month_start(year, 1), DatePrecision.JALALI_YEAR)

    @classmethod
    def jalali_month(cls, year: int, month: int) -> "PartialDate":
        return cls(jalali_month_start(year, month), DatePrecision.JALALI_MONTH)

    @classmethod
    def containing(cls, day: datetime.date, precision: str) -> "PartialDate":
        """The period of the given precision that `day` lies in."""
        return cls(cls.__new__(cls)._with(day, precision).normalised_start(), precision)

    def _with(self, day, precision):
        object.__setattr__(self, "start", day)
        object.__setattr__(self, "precision", precision)
        return self

    def normalised_start(self) -> datetime.date:
        """The first day of the period this date lies in."""
        day, precision = self.start, self.precision
        if precision == DatePrecision.MONTH:
            return day.replace(day=1)
        if precision == DatePrecision.YEAR:
            return day.replace(month=1, day=1)
        if precision == DatePrecision.JALALI_MONTH:
            jalali = to_jalali(day)
            return jalali_month_start(jalali.year, jalali.month)
        if precision == DatePrecision.JALALI_YEAR:
            return jalali_month_start(to_jalali(day).year, 1)
        return day

    @property
    def end(self) -> datetime.date:
        """The last day the date may stand for."""
        precision, start = self.precision, self.start
        if precision == DatePrecision.MONTH:
            return _gregorian_month_end(start)
        if precision == DatePrecision.YEAR:
            return start.replace(month=12, day=31)
        jalali = to_jalali(start)
        if precision == DatePrecision.JALALI_MONTH:
            return jalali_month_end(jalali.year, jalali.month)
        if precision == DatePrecision.JALALI_YEAR:
            return jalali_month_end(jalali.year, 12)
        return start

    def format(self, language: str) -> str:
        """The date as a reader of `language` would write it, never more precise than known."""
        if self.precision == DatePrecision.DAY:
            return format_day(self.start, language)
        if is_persian(language):
            return _format_period_jalali(self.start, self.end)
        return _format_period_gregorian(self.start, self.end)

    def __str__(self) -> str:
        return self.format("en")


def format_day(day: datetime.date, language: str) -> str:
    if is_persian(language):
        jalali = to_jalali(day)
        return persian_digits(f"{jalali.day} {JALALI_MONTHS[jalali.month - 1]} {jalali.year}")
    return f"{day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year}"


def format_moment(moment: datetime.datetime, language: str) -> str:
    """A moment in the site's time zone: «۸ آذر ۱۳۹۷، ساعت ۱۴:۰۵», "29 November 2018, 14:05"."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    if is_persian(language):
        return f"{format_day(moment.date(), language)}، ساعت {persian_digits(f'{moment:%H:%M}')}"
    return f"{format_day(moment.date(), language)}, {moment:%H:%M}"


def format_range(start: datetime.date, end: datetime.date | None, language: str) -> str:
    """A span of days written naturally: «۸ تا ۱۱ آذر ۱۳۹۷», "29 November – 2 December 2018"."""
    if end is None or end == start:
        return format_day(start, language)
    if is_persian(language):
        first, last = to_jalali(start), to_jalali(end)
        if (first.year, first.month) == (last.year, last.month):
            text = f"{first.day} تا {last.day} {JALALI_MONTHS[last.month - 1]} {last.year}"
        elif first.year == last.year:
            text = (
                f"{first.day} {JALALI_MONTHS[first.month - 1]} تا "
                f"{last.day} {JALALI_MONTHS[last.month - 1]} {last.year}"
            )
        else:
            text = f"{format_day(start, 'fa')} تا {format_day(end, 'fa')}"
        return persian_digits(text)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {GREGORIAN_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return (
            f"{start.day} {GREGORIAN_MONTHS[start.month - 1]} – "
            f"{end.day} {GREGORIAN_MONTHS[end.month - 1]} {end.year}"
        )
    return f"{format_day(start, 'en')} – {format_day(end, 'en')}"


def _format_period_jalali(start: datetime.date, end: datetime.date) -> str:
    """A period in Jalali: one month or year if it fits, else the months or years it spans."""
    first, last = to_jalali(start), to_jalali(end)
    whole_year = (first.month, first.day) == (1, 1) and end == jalali_month_end(last.year, 12)
    if whole_year and first.year == last.year:
        text = f"{first.year}"
    elif (first.year, first.month) == (last.year, last.month):
        text = f"{JALALI_MONTHS[first.month - 1]} {first.year}"
    elif whole_year or (end - start).days > 62:
        text = f"{first.year}–{last.year}" if first.year != last.year else f"{first.year}"
    elif first.year == last.year:
        text = f"{JALALI_MONTHS[first.month - 1]}–{JALALI_MONTHS[last.month - 1]} {last.year}"
    else:
        text = (
            f"{JALALI_MONTHS[first.month - 1]} {first.year}–"
            f"{JALALI_MONTHS[last.month - 1]} {last.year}"
        )
    return persian_digits(text)


def _format_period_gregorian(start: datetime.date, end: datetime.date) -> str:
    """A period in Gregorian; a Jalali year becomes the two years it straddles ("2015/16")."""
    whole_year = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    if whole_year and start.year == end.year:
        return f"{start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{GREGORIAN_MONTHS[start.month - 1]} {start.year}"
    if (end - start).days > 62:
        if start.year == end.year:
            return f"{start.year}"
        return f"{start.year}/{str(end.year)[-2:]}"
    if start.year == end.year:
        return f"{GREGORIAN_MONTHS[start.month - 1]}–{GREGORIAN_MONTHS[end.month - 1]} {end.year}"
    return (
        f"{GREGORIAN_MONTHS[start.month - 1]} {start.year}–"
        f"{GREGORIAN_MONTHS[end.month - 1]} {end.year}"
    )


def parse_partial_date(text: str) -> PartialDate:
    """Read "2008-11-19", "2013-11", "2013", "jalali:1394" or "jalali:1403-02"."""
    value = str(text).strip()
    jalali = value.startswith("jalali:")
    if jalali:
        value = value.removeprefix("jalali:")
    try:
        parts = [int(part) for part in value.split("-")]
        if jalali and len(parts) == 1:
            return PartialDate.jalali_year(parts[0])
        if jalali and len(parts) == 2:
            return PartialDate.jalali_month(*parts)
        if not jalali and len(parts) == 1:
            return PartialDate(datetime.date(parts[0], 1, 1), DatePrecision.YEAR)
        if not jalali and len(parts) == 2:
            return PartialDate(datetime.date(parts[0], parts[1], 1), DatePrecision.MONTH)
        if not jalali and len(parts) == 3:
            return PartialDate(datetime.date(*parts), DatePrecision.DAY)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None
    raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or jalali:YYYY[-MM])")


def format_window(start: datetime.date, end: datetime.date, language: str) -> str:
    """One day somewhere between two days, not a span: «یکی از روزهای ۸ تا ۱۱ آذر ۱۳۹۷»,
    "one day between 29 November and 2 December 2018"."""
    if is_persian(language):
        return f"یکی از روزهای {format_range(start, end, language)}"
    if start.year == end.year:
        first = f"{start.day} {GREGORIAN_MONTHS[start.month - 1]}"
        if start.month == end.month:
            first = f"{start.day}"
        return f"one day between {first} and {format_day(end, 'en')}"
    return f"one day between {format_day(start, 'en')} and {format_day(end, 'en')}"


@dataclass(frozen=True)
class Period:
    """A span as far as it is known (see common.models.PeriodModel): its start may be only
    the earliest mention; its end open, known, or past on an unknown date with perhaps a
    "not before" bound. Written so that it never says more than that."""

    started: PartialDate | None
    start_kind: str = "known"
    end_kind: str = "open"
    ended: PartialDate | None = None
    not_before: PartialDate | None = None

    def start_text(self, language: str) -> str:
        if not self.started:
            return ""
        day = self.started.format(language)
        if self.start_kind == "attested":
            if is_persian(language):
                return f"دست‌کم از {day} (تاریخ آغاز یافت نشد)"
            return f"by {day} (start not found)"
        return f"از {day}" if is_persian(language) else f"from {day}"

    def end_text(self, language: str) -> str:
        persian = is_persian(language)
        if self.end_kind == "known" and self.ended:
            day = self.ended.format(language)
            return f"تا {day}" if persian else f"until {day}"
        if self.end_kind == "unknown":
            if self.not_before:
                day = self.not_before.format(language)
                return f"تا دست‌کم {day}" if persian else f"until at least {day}"
            return "پایان: نامعلوم" if persian else "end not known"
        return "تاکنون" if persian else "to date"

    def format(self, language: str) -> str:
        return f"{self.start_text(language)} {self.end_text(language)}".strip()

    def __str__(self) -> str:
        return self.format("en")

    def member_since_text(self, language: str) -> str:
        """The start of a membership: «عضو دست‌کم از ۱۳۹۳ (تاریخ پیوستن یافت نشد)»."""
        if not self.started:
            return ""
        day = self.started.format(language)
        if self.start_kind == "attested":
            if is_persian(language):
                return f"عضو دست‌کم از {day} (تاریخ پیوستن یافت نشد)"
            return f"a member by {day} (joining date not found)"
        return f"عضو از {day}" if is_persian(language) else f"a member since {day}"
