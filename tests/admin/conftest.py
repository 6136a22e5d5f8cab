import datetime

import pytest
from django.contrib.auth.models import Group

from common.models import Source
from forum.models import ReportedFigure
from tests.factories import (
    BoardSeatFactory,
    BoardSessionFactory,
    CityFactory,
    DocumentFactory,
    GeneralAssemblyFactory,
    MembershipFactory,
    OrganisationFactory,
    PanelFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    SummitFactory,
    TalkFactory,
)


@pytest.fixture
def registry(db):
    """One record of every kind, linked as the forum's records are."""
    kashan = CityFactory(slug="kashan", name_fa="کاشان", name_en="Kashan", country="IR")
    MembershipFactory(
        city=kashan, started_on=datetime.date(2015, 3, 21), started_precision="jalali_year"
    )
    summit = SummitFactory(slug="gaziantep-2018", host_city=CityFactory(country="TR"))
    GeneralAssemblyFactory(summit=summit, number=5)
    panel = PanelFactory(summit=summit)
    TalkFactory(panel=panel, city=kashan)
    ParticipationFactory(summit=summit, city=kashan)
    ParticipationFactory(summit=None, board_session=BoardSessionFactory(), city=kashan)
    ParticipationFactory(summit=summit, city=None, organisation=OrganisationFactory())
    DocumentFactory(summit=summit, issued_on=datetime.date(2018, 12, 2))
    PositionFactory(person=PersonFactory(), city=kashan)
    BoardSeatFactory(city=kashan)
    figure = ReportedFigure.objects.create(
        reported_on=datetime.date(2025, 8, 1), reported_precision="month", member_cities=120,
        countries=39, qualifier="nearly", note_fa="نزدیک به ۱۲۰ شهر", note_en="",
    )  # fmt: skip
    figure.sources.set([Source.objects.get_or_create(url="https://example.org/figure")[0]])
    return {"city": kashan, "summit": summit, "panel": panel}


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="Forum-admin-1")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="Forum-staff-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "Secretariat editors", "editor")


@pytest.fixture
def viewer(django_user_model):
    return member_of(django_user_model, "Secretariat viewers", "viewer")
