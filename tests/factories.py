import datetime

import factory

from members.models import BoardSeat, BoardTerm, City, Membership, Organisation, Person, Position
from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"City {n}")
    name_fa = factory.Sequence(lambda n: f"شهر {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "IR"
    region = "west"
    is_published = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    city = factory.SubFactory(CityFactory)
    status = Membership.Status.MEMBER
    started_on = datetime.date(2010, 1, 1)
    started_precision = "year"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_fa = factory.Sequence(lambda n: f"سازمان {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.INTERGOVERNMENTAL
    is_published = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name_en = factory.Sequence(lambda n: f"Person {n}")
    name_fa = factory.Sequence(lambda n: f"شخص {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    email = factory.Sequence(lambda n: f"private-{n}@example.org")
    is_published = True


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    office = Position.Office.MAYOR
    city = factory.SubFactory(CityFactory)
    started_on = datetime.date(2010, 1, 1)


class BoardTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardTerm

    name_en = factory.Sequence(lambda n: f"Term {n}")
    start_year = factory.Sequence(lambda n: 2000 + n)
    end_year = factory.LazyAttribute(lambda term: term.start_year + 2)


class BoardSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardSeat

    term = factory.SubFactory(BoardTermFactory)
    city = factory.SubFactory(CityFactory)


class SummitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summit

    title_en = factory.Sequence(lambda n: f"Summit {n}")
    title_fa = factory.Sequence(lambda n: f"اجلاس {n}")
    slug = factory.Sequence(lambda n: f"summit-{n}")
    host_city = factory.SubFactory(CityFactory)
    start_date = datetime.date(2018, 11, 29)
    end_date = datetime.date(2018, 12, 2)
    is_published = True


class GeneralAssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GeneralAssembly

    summit = factory.SubFactory(SummitFactory)
    number = factory.Sequence(lambda n: n + 1)


class BoardSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardSession

    number = factory.Sequence(lambda n: n + 1)
    city = factory.SubFactory(CityFactory)
    start_date = datetime.date(2012, 2, 1)
    is_published = True


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    summit = factory.SubFactory(SummitFactory)
    title_en = factory.Sequence(lambda n: f"Panel {n}")
    slug = factory.Sequence(lambda n: f"panel-{n}")
    theme = Panel.Theme.MOBILITY


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    panel = factory.SubFactory(PanelFactory)
    speaker = factory.SubFactory(PersonFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    summit = factory.SubFactory(SummitFactory)
    city = factory.SubFactory(CityFactory)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = Document.Kind.DECLARATION
    title_en = factory.Sequence(lambda n: f"Declaration {n}")
    url = factory.Sequence(lambda n: f"https://example.org/declaration-{n}")
    language = Document.Language.ENGLISH
    summit = factory.SubFactory(SummitFactory)
    is_published = True
