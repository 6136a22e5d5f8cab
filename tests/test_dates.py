"""Dates shown truthfully in each calendar, never more precise than known."""

import datetime

import pytest

from common.dates import DatePrecision, PartialDate, format_day, format_range, parse_partial_date

D = datetime.date


def test_kashan_joining_year_is_1394_in_persian_and_2015_16_in_english():
    joined = parse_partial_date("jalali:1394")
    assert joined.precision == DatePrecision.JALALI_YEAR
    assert (joined.start, joined.end) == (D(2015, 3, 21), D(2016, 3, 19))
    assert joined.format("fa") == "۱۳۹۴"
    assert joined.format("en") == "2015/16"


def test_gaziantep_assembly_dates_in_both_calendars():
    assert format_range(D(2018, 11, 29), D(2018, 12, 2), "fa") == "۸ تا ۱۱ آذر ۱۳۹۷"
    assert format_range(D(2018, 11, 29), D(2018, 12, 2), "en") == "29 November – 2 December 2018"


def test_one_day_is_written_with_persian_month_and_digits():
    assert format_day(D(2025, 11, 28), "fa") == "۷ آذر ۱۴۰۴"
    assert format_range(D(2025, 11, 28), None, "en") == "28 November 2025"


def test_range_across_jalali_years():
    assert format_range(D(2022, 3, 8), D(2022, 3, 21), "fa") == "۱۷ اسفند ۱۴۰۰ تا ۱ فروردین ۱۴۰۱"


def test_gregorian_month_spans_two_jalali_months():
    month = parse_partial_date("2013-11")
    assert month.format("en") == "November 2013"
    assert month.format("fa") == "آبان–آذر ۱۳۹۲"


def test_gregorian_year_spans_two_jalali_years():
    year = parse_partial_date("2013")
    assert year.format("en") == "2013"
    assert year.format("fa") == "۱۳۹۱–۱۳۹۲"


def test_jalali_month_in_english_names_the_gregorian_months_it_spans():
    month = parse_partial_date("jalali:1403-02")
    assert month.start == D(2024, 4, 20)
    assert month.format("fa") == "اردیبهشت ۱۴۰۳"
    assert month.format("en") == "April–May 2024"


def test_esfand_of_a_leap_year_ends_on_its_30th():
    assert PartialDate.jalali_month(1403, 12).end == D(2025, 3, 20)
    assert PartialDate.jalali_month(1402, 12).end == D(2024, 3, 19)


@pytest.mark.parametrize("text", ["2013-13", "yesterday", "jalali:13x4", "2013-02-30", ""])
def test_bad_dates_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(text)


def test_a_partial_date_must_start_its_period():
    with pytest.raises(ValueError, match="does not start"):
        PartialDate(D(2013, 11, 5), DatePrecision.MONTH)


def test_ordinals_before_a_numbered_meeting_in_both_languages():
    from common.dates import ordinal

    assert [ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 103)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd",
    ]  # fmt: skip
    assert ordinal(1, "fa") == "نخستین" and ordinal(3, "fa") == "سومین"
    assert ordinal(20, "fa") == "بیستمین" and ordinal(25, "fa") == "۲۵مین"
