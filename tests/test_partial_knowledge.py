"""Partial knowledge, kept by the database and written honestly: a window of days is one day,
not a span; an end may be open, known, or past on an unknown date with a "not before" bound;
a start may be only the earliest mention; a session may have no public record at all; and a
date matches its precision in either calendar, whatever path wrote it."""

import datetime

import jdatetime
import pytest
from django.db import IntegrityError, connection, transaction

from common.dates import DatePrecision, PartialDate, Period, format_window
from members.models import Membership, Position
from summits.models import BoardSession
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(action, rule):
    with pytest.raises(IntegrityError, match=rule), transaction.atomic():
        action()


# -- the database's rules ------------------------------------------------------------------


def test_the_database_computes_the_solar_hijri_calendar_as_jdatetime_does():
    """Every day from 1900 to 2100: day of the Solar Hijri year and of its month."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT day::date, jalali_day_of_year(day::date), jalali_day_of_month(day::date)
               FROM generate_series('1900-01-01'::date, '2100-12-31'::date, '1 day') AS day"""
        )
        rows = cursor.fetchall()
    assert len(rows) > 73_000
    wrong = []
    for day, day_of_year, day_of_month in rows:
        jalali = jdatetime.date.fromgregorian(date=day)
        expected_day_of_year = (jalali - jdatetime.date(jalali.year, 1, 1)).days + 1
        if (day_of_year, day_of_month) != (expected_day_of_year, jalali.day):
            wrong.append(day)
    assert not wrong, wrong[:5]


def test_a_solar_hijri_year_is_stored_as_1_farvardin_whatever_path_writes_it():
    kashan = factories.MembershipFactory(started_on=D(2015, 3, 21), started_precision="jalali_year")
    rows = Membership.objects.filter(pk=kashan.pk)
    refused(lambda: rows.update(started_on=D(2015, 3, 22)), "start_matches_precision")
    refused(lambda: rows.update(started_on=D(2015, 1, 1)), "start_matches_precision")
    rows.update(started_on=D(2016, 3, 20))  # 1 Farvardin 1395 (a leap year before it)
    assert PartialDate(rows.get().started_on, "jalali_year").format("fa") == "۱۳۹۵"


def test_a_solar_hijri_month_is_stored_as_its_first_day():
    session = factories.BoardSessionFactory(start_date=D(2018, 11, 22), date_precision="day")
    rows = BoardSession.objects.filter(pk=session.pk)
    rows.update(date_precision="jalali_month")  # 1 Azar 1397
    refused(lambda: rows.update(start_date=D(2018, 11, 29)), "date_matches_precision")


def test_a_window_ends_after_it_starts_and_is_known_to_the_day():
    session = factories.BoardSessionFactory(start_date=D(2018, 11, 29), end_date=D(2018, 12, 2))
    rows = BoardSession.objects.filter(pk=session.pk)
    rows.update(date_is_window=True)
    refused(lambda: rows.update(end_date=D(2018, 11, 29)), "window_ends_after_start")
    refused(lambda: rows.update(end_date=None), "window_ends_after_start")
    refused(lambda: rows.update(date_precision="month", start_date=D(2018, 11, 1)), "window")


def test_a_session_has_a_place_unless_the_place_or_the_whole_record_is_unknown():
    session = factories.BoardSessionFactory()
    rows = BoardSession.objects.filter(pk=session.pk)
    refused(lambda: rows.update(city=None), "board_session_has_a_place")
    rows.update(city=None, place_unknown=True)
    refused(lambda: rows.update(no_public_record=True), "unrecorded_has_no_details")
    rows.update(no_public_record=True, start_date=None, place_unknown=False)
    refused(lambda: rows.update(no_public_record=False), "dated_when_recorded")


def test_an_end_date_is_given_exactly_when_the_end_is_known():
    membership = factories.MembershipFactory(ended_on=D(2014, 1, 1), ended_precision="year")
    assert membership.end_kind == "known"  # an end date given is an end known
    rows = Membership.objects.filter(pk=membership.pk)
    refused(lambda: rows.update(end_kind="open"), "end_date_when_known")
    refused(lambda: rows.update(end_kind="unknown"), "end_date_when_known")
    refused(lambda: rows.update(ended_on=None), "end_date_when_known")
    rows.update(end_kind="unknown", ended_on=None)


def test_a_not_before_bound_only_on_an_end_whose_date_is_unknown():
    position = factories.PositionFactory(end_kind="unknown", ended_not_before=D(2015, 8, 29))
    rows = Position.objects.filter(pk=position.pk)
    refused(lambda: rows.update(end_kind="open"), "bound_only_on_unknown_end")
    refused(lambda: rows.update(ended_not_before=D(2001, 1, 1)), "bound_after_start")
    refused(lambda: rows.update(ended_not_before_precision="month"), "bound_matches_precision")


@pytest.mark.parametrize("office", ["secretary_general", "forum_president"])
def test_a_single_holder_office_has_at_most_one_current_holder(office):
    first = factories.PositionFactory(office=office, city=None, started_on=D(2008, 11, 1))
    refused(
        lambda: factories.PositionFactory(office=office, city=None, started_on=D(2018, 11, 1)),
        "position_one_current_holder",
    )
    # Ended on an unknown date, not before August 2015: the next holder may be current.
    Position.objects.filter(pk=first.pk).update(end_kind="unknown", ended_not_before=D(2015, 8, 29))
    factories.PositionFactory(office=office, city=None, started_on=D(2018, 11, 1))
    mayors = [factories.PositionFactory(office="mayor") for _ in range(2)]  # many at once
    assert all(mayor.is_current for mayor in mayors)


def test_an_unknown_end_covers_only_what_is_known_for_the_overlap_rule():
    city = factories.CityFactory()
    factories.MembershipFactory(
        city=city, started_on=D(2010, 1, 1), end_kind="unknown", ended_not_before=D(2012, 1, 1)
    )
    # After the bound, a new period may begin; before it, it would overlap.
    refused(
        lambda: factories.MembershipFactory(city=city, started_on=D(2011, 1, 1)),
        "membership_periods_do_not_overlap",
    )
    factories.MembershipFactory(city=city, started_on=D(2013, 1, 1))
    refused(
        lambda: factories.MembershipFactory(city=city, started_on=D(2020, 1, 1)),
        "membership_periods_do_not_overlap",
    )  # the open period of 2013 still runs


# -- written as known ----------------------------------------------------------------------


def test_a_window_is_one_day_between_two_days_in_both_languages():
    start, end = D(2018, 11, 29), D(2018, 12, 2)
    assert format_window(start, end, "fa") == "یکی از روزهای ۸ تا ۱۱ آذر ۱۳۹۷"
    assert format_window(start, end, "en") == "one day between 29 November and 2 December 2018"
    session = factories.BoardSessionFactory(start_date=start, end_date=end, date_is_window=True)
    assert session.dates_display("en") == "one day between 29 November and 2 December 2018"


def test_an_end_is_written_as_known():
    start = PartialDate(D(2008, 11, 1), DatePrecision.MONTH)
    bound = PartialDate.jalali_month(1394, 6)
    unknown = Period(start, end_kind="unknown", not_before=bound)
    assert unknown.end_text("fa") == "تا دست‌کم شهریور ۱۳۹۴"
    august = PartialDate(D(2015, 8, 1), DatePrecision.MONTH)
    assert Period(start, end_kind="unknown", not_before=august).end_text("en") == (
        "until at least August 2015"
    )
    assert Period(start, end_kind="unknown").end_text("en") == "end not known"
    assert Period(start, end_kind="unknown").end_text("fa") == "پایان: نامعلوم"
    assert Period(start, end_kind="open").end_text("en") == "to date"
    assert "still" not in Period(start, end_kind="unknown").format("en")


def test_an_earliest_mention_is_never_written_as_a_joining_date():
    attested_fa = Period(PartialDate.jalali_year(1393), start_kind="attested")
    assert attested_fa.member_since_text("fa") == "عضو دست‌کم از ۱۳۹۳ (تاریخ پیوستن یافت نشد)"
    attested_en = Period(PartialDate(D(2014, 1, 1), DatePrecision.YEAR), start_kind="attested")
    assert attested_en.member_since_text("en") == "a member by 2014 (joining date not found)"
    known = Period(PartialDate.jalali_year(1394))
    assert known.member_since_text("fa") == "عضو از ۱۳۹۴"
    assert known.member_since_text("en") == "a member since 2015/16"
