import datetime

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_data(db):
    """The forum's real history, as `make run` loads it."""
    call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Throttle counts live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


def build_world():
    """A small registry with every kind of public record, and drafts that must stay hidden."""
    from common.dates import PartialDate
    from tests import factories as f

    tehran = f.CityFactory(slug="tehran", name_fa="تهران", name_en="Tehran", country="IR")
    kashan = f.CityFactory(slug="kashan", name_fa="کاشان", name_en="Kashan", country="IR")
    gaziantep = f.CityFactory(
        slug="gaziantep", name_fa="غازی‌عینتاب", name_en="Gaziantep", country="TR"
    )
    others = [f.CityFactory(country=code) for code in ("MY", "ID", "AF", "PK", "TR", "CN")]
    hidden_city = f.CityFactory(slug="draft-city", is_published=False)
    f.MembershipFactory(
        city=kashan,
        started_on=PartialDate.jalali_year(1394).start,
        started_precision="jalali_year",
    )
    for city in (tehran, gaziantep, *others[:3], hidden_city):
        f.MembershipFactory(city=city)
    unesco = f.OrganisationFactory(slug="unesco", name_en="UNESCO", country="FR")
    f.OrganisationFactory(is_published=False)
    people = [f.PersonFactory(phone=f"+98 21 5555 {n:04}") for n in range(6)]
    hidden_person = f.PersonFactory(is_published=False)
    for person, city in zip(people, (tehran, kashan, gaziantep, *others[:3]), strict=True):
        f.PositionFactory(person=person, city=city)
    f.PositionFactory(person=hidden_person, city=tehran)
    term = f.BoardTermFactory(name_fa="دوره ۲۰۲۳", name_en="2023–2025", start_year=2023)
    f.BoardSeatFactory(term=term, city=tehran, role="president")
    f.BoardSeatFactory(term=term, city=kashan)
    f.BoardSeatFactory(term=term, city=hidden_city)

    gaziantep_summit = f.SummitFactory(slug="5th-ga-gaziantep-2018", host_city=gaziantep)
    f.GeneralAssemblyFactory(summit=gaziantep_summit, number=5)
    for order, theme in enumerate(("mobility", "smart_city")):
        panel = f.PanelFactory(
            summit=gaziantep_summit, theme=theme, order=order, moderator=people[0]
        )
        f.TalkFactory(panel=panel, speaker=people[1], city=kashan, order=1)
        f.TalkFactory(panel=panel, speaker=hidden_person, order=2)
        f.DocumentFactory(summit=None, panel=panel)
    f.ParticipationFactory(summit=gaziantep_summit, city=gaziantep, role="host")
    f.ParticipationFactory(summit=gaziantep_summit, city=kashan, head_of_delegation=people[1])
    f.ParticipationFactory(summit=gaziantep_summit, city=None, organisation=unesco)
    f.DocumentFactory(summit=gaziantep_summit)

    tehran_summit = f.SummitFactory(
        slug="7th-ga-tehran-2025",
        host_city=tehran,
        start_date=datetime.date(2025, 11, 1),
        end_date=datetime.date(2025, 11, 3),
    )
    f.GeneralAssemblyFactory(summit=tehran_summit, number=7)
    f.PanelFactory(summit=tehran_summit, theme="resilience")
    f.ParticipationFactory(summit=tehran_summit, city=tehran, role="host")
    f.ParticipationFactory(summit=tehran_summit, city=hidden_city)
    f.DocumentFactory(summit=tehran_summit)
    f.DocumentFactory(summit=tehran_summit)
    f.DocumentFactory(summit=tehran_summit, is_published=False)
    session = f.BoardSessionFactory(summit=tehran_summit, city=tehran, number=9)
    f.ParticipationFactory(summit=None, board_session=session, city=kashan)
    f.BoardSessionFactory(city=None, format="online", number=10)

    draft_summit = f.SummitFactory(slug="draft-summit", host_city=tehran, is_published=False)
    f.PanelFactory(summit=draft_summit)
    f.DocumentFactory(summit=draft_summit)
    return {
        "kashan": kashan,
        "gaziantep_summit": gaziantep_summit,
        "tehran_summit": tehran_summit,
        "hidden_person": hidden_person,
    }


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def live_api(transactional_db, live_server):
    """The live server, over a database that outlives it; waits for its threads' connections.

    The server thread closes its database connection only after the client closes the
    socket; without waiting, the test database could not be dropped at the end.
    """
    import time

    from django.db import connection

    yield live_server
    with connection.cursor() as cursor:
        for _attempt in range(100):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)
