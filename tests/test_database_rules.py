"""Every rule of the registry is kept by PostgreSQL itself: a plain save() or
update(), which skips forms and model validation, is refused."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from members.models import BoardSeat, City, Membership, Position
from summits.models import BoardSession, Document, GeneralAssembly, Participation, Summit
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_assembly_number_is_unique_in_its_series():
    factories.GeneralAssemblyFactory(number=5)
    refused(lambda: factories.GeneralAssemblyFactory(number=5))


def test_assembly_number_is_positive():
    assembly = factories.GeneralAssemblyFactory(number=1)
    refused(lambda: GeneralAssembly.objects.filter(pk=assembly.pk).update(number=0))


def test_board_session_number_is_unique_on_its_own_series():
    factories.BoardSessionFactory(number=6)
    factories.GeneralAssemblyFactory(number=6)  # another series: allowed
    refused(lambda: factories.BoardSessionFactory(number=6))


def test_summit_is_one_summit_per_assembly():
    assembly = factories.GeneralAssemblyFactory()
    refused(lambda: factories.GeneralAssemblyFactory(summit=assembly.summit))


def test_summit_end_is_not_before_its_start():
    summit = factories.SummitFactory()
    refused(lambda: Summit.objects.filter(pk=summit.pk).update(end_date=D(2018, 11, 1)))


def test_board_session_end_is_not_before_its_start():
    session = factories.BoardSessionFactory(start_date=D(2012, 2, 1))
    session.end_date = D(2012, 1, 31)
    refused(session.save)


def test_board_session_without_a_city_must_be_online():
    refused(lambda: factories.BoardSessionFactory(city=None, format="in_person"))
    factories.BoardSessionFactory(city=None, format="online")


def test_summit_has_one_host():
    summit = factories.SummitFactory()
    factories.ParticipationFactory(summit=summit, city=summit.host_city, role="host")
    refused(lambda: factories.ParticipationFactory(summit=summit, role="host"))


def test_city_takes_part_once_per_summit():
    participation = factories.ParticipationFactory()
    refused(
        lambda: factories.ParticipationFactory(summit=participation.summit, city=participation.city)
    )


def test_participation_is_by_a_city_or_an_organisation_not_both():
    organisation = factories.OrganisationFactory()
    refused(lambda: factories.ParticipationFactory(organisation=organisation))
    participation = factories.ParticipationFactory()
    refused(lambda: Participation.objects.filter(pk=participation.pk).update(city=None))


def test_participation_is_in_one_meeting():
    session = factories.BoardSessionFactory()
    refused(lambda: factories.ParticipationFactory(board_session=session))
    refused(lambda: factories.ParticipationFactory(summit=None))


def test_delegation_has_at_least_one_delegate():
    refused(lambda: factories.ParticipationFactory(delegates=0))


def test_membership_periods_of_a_city_do_not_overlap():
    city = factories.CityFactory()
    factories.MembershipFactory(city=city, started_on=D(2010, 1, 1), ended_on=D(2014, 12, 31))
    refused(lambda: factories.MembershipFactory(city=city, started_on=D(2014, 1, 1)))
    factories.MembershipFactory(city=city, started_on=D(2015, 1, 1), status="observer")


def test_membership_end_is_not_before_its_start():
    membership = factories.MembershipFactory(started_on=D(2010, 1, 1))
    refused(lambda: Membership.objects.filter(pk=membership.pk).update(ended_on=D(2009, 1, 1)))


def test_month_precise_date_is_the_first_of_its_month():
    refused(
        lambda: factories.MembershipFactory(started_on=D(2013, 11, 5), started_precision="month")
    )
    factories.MembershipFactory(started_on=D(2013, 11, 1), started_precision="month")


def test_year_precise_date_is_the_first_of_january():
    refused(lambda: factories.MembershipFactory(started_on=D(2013, 6, 1), started_precision="year"))


def test_positions_in_the_same_office_do_not_overlap():
    position = factories.PositionFactory(started_on=D(2010, 1, 1), ended_on=D(2014, 1, 1))
    refused(
        lambda: factories.PositionFactory(
            person=position.person, city=position.city, started_on=D(2013, 1, 1)
        )
    )
    # The same person may be mayor of another city, or hold another office, meanwhile.
    factories.PositionFactory(person=position.person, started_on=D(2013, 1, 1))
    factories.PositionFactory(
        person=position.person,
        city=position.city,
        office=Position.Office.FORUM_PRESIDENT,
        started_on=D(2013, 1, 1),
    )


def test_forum_offices_without_a_city_do_not_overlap_either():
    person = factories.PersonFactory()
    factories.PositionFactory(
        person=person, city=None, office="secretary_general", started_on=D(2008, 11, 1)
    )
    refused(
        lambda: factories.PositionFactory(
            person=person, city=None, office="secretary_general", started_on=D(2015, 1, 1)
        )
    )


def test_position_end_is_not_before_its_start():
    position = factories.PositionFactory(started_on=D(2010, 1, 1))
    refused(lambda: Position.objects.filter(pk=position.pk).update(ended_on=D(2000, 1, 1)))


def test_city_holds_one_seat_per_board_term():
    seat = factories.BoardSeatFactory()
    refused(lambda: factories.BoardSeatFactory(term=seat.term, city=seat.city))


def test_board_term_has_one_president():
    seat = factories.BoardSeatFactory(role="president")
    refused(lambda: factories.BoardSeatFactory(term=seat.term, role="president"))
    factories.BoardSeatFactory(term=seat.term, role="vice_president")
    refused(lambda: BoardSeat.objects.filter(term=seat.term).update(role="president"))


def test_city_location_is_on_earth_and_complete():
    city = factories.CityFactory()
    refused(lambda: City.objects.filter(pk=city.pk).update(latitude=91, longitude=0))
    refused(lambda: City.objects.filter(pk=city.pk).update(latitude=35))


def test_document_is_a_file_or_a_link():
    document = factories.DocumentFactory()
    refused(lambda: Document.objects.filter(pk=document.pk).update(url=""))


def test_document_records_something():
    document = factories.DocumentFactory()
    refused(lambda: Document.objects.filter(pk=document.pk).update(summit=None))


def test_host_city_cannot_be_deleted_while_it_hosts_a_summit():
    from django.db.models import ProtectedError

    summit = factories.SummitFactory()
    with pytest.raises(ProtectedError):
        summit.host_city.delete()


def test_board_session_number_is_positive():
    session = factories.BoardSessionFactory()
    refused(lambda: BoardSession.objects.filter(pk=session.pk).update(number=0))
