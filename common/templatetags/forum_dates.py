"""Template filters that write dates and numbers the way each language does."""

from django import template
from django.utils.translation import get_language, ngettext

from common.dates import (
    PartialDate,
    digits_for,
    format_day,
    format_moment,
    is_persian,
    persian_digits,
)

register = template.Library()


@register.filter
def localdate(value):
    """A PartialDate or a date, in Jalali with Persian digits on Persian pages."""
    if not value:
        return ""
    if isinstance(value, PartialDate):
        return value.format(get_language())
    return format_day(value, get_language())


@register.filter
def dates(meeting):
    """A summit's or a session's dates as one natural phrase (day range, month or year)."""
    return meeting.dates_display(get_language())


@register.filter
def digits(value):
    """Numbers in Persian digits on Persian pages."""
    if value is None:
        return ""
    return digits_for(value, get_language())


@register.filter
def moment(value):
    """A date and time in the reader's calendar and digits: «۸ آذر ۱۳۹۷، ساعت ۱۴:۰۵»."""
    if not value:
        return ""
    return format_moment(value, get_language())


@register.filter
def lock_duration(value):
    """A lockout's length in whole minutes, in the reader's digits: «۳۰ دقیقه», "30 minutes"."""
    minutes = max(1, round(value.total_seconds() / 60))
    text = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return persian_digits(text) if is_persian(get_language()) else text


@register.simple_tag
def comma():
    """A list comma: «،» in Persian, "," in English."""
    return "،" if is_persian(get_language()) else ","


@register.filter
def period(record):
    """A period as far as it is known: «دست‌کم از ۱۳۹۷ تا دست‌کم ۱۴۰۰», "from 2008 to date"."""
    return record.period.format(get_language()) if record else ""


@register.filter
def member_since(record):
    """A membership's start, never an earliest mention shown as a joining date: of a period,
    or of a city annotated with its membership (City.member_since_display)."""
    if not record:
        return ""
    if hasattr(record, "member_since_display"):
        return record.member_since_display(get_language())
    return record.period.member_since_text(get_language())
