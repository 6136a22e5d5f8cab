import datetime

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_data(db):
    """The forum's real history, as `make run` loads it."""
    call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Throttle counts and cached answers live in the caches: each test starts with none."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()


def build_world():
    """A small registry with every kind of public record, and drafts that must stay hidden."""
    from common.dates import PartialDate
    from tests import factories as f

    tehran = f.CityFactory(slug="w-tehran", name_fa="تهران", name_en="Tehran", country="IR")
    kashan = f.CityFactory(slug="w-kashan", name_fa="کاشان", name_en="Kashan", country="IR")
    gaziantep = f.CityFactory(
        slug="w-gaziantep", name_fa="غازی‌عینتاب", name_en="Gaziantep", country="TR"
    )
    others = [f.CityFactory(country=code) for code in ("MY", "ID", "AF", "PK", "TR", "CN")]
    hidden_city = f.CityFactory(slug="w-draft-city", is_published=False)
    f.MembershipFactory(
        city=kashan,
        started_on=PartialDate.jalali_year(1394).start,
        started_precision="jalali_year",
    )
    for city in (tehran, gaziantep, *others[:3], hidden_city):
        f.MembershipFactory(city=city)
    unesco = f.OrganisationFactory(slug="w-unesco", name_en="UNESCO", country="FR")
    f.OrganisationFactory(is_published=False)
    people = [f.PersonFactory(phone=f"+98 21 5555 {n:04}") for n in range(6)]
    hidden_person = f.PersonFactory(is_published=False)
    for person, city in zip(people, (tehran, kashan, gaziantep, *others[:3]), strict=True):
        f.PositionFactory(person=person, city=city)
    f.PositionFactory(person=hidden_person, city=tehran)
    term = f.BoardTermFactory(name_fa="دوره ۲۰۲۳", name_en="2023–2025", start_year=2093)
    f.BoardSeatFactory(term=term, city=tehran, role="president")
    f.BoardSeatFactory(term=term, city=kashan)
    f.BoardSeatFactory(term=term, city=hidden_city)

    gaziantep_summit = f.SummitFactory(slug="w-5th-ga-gaziantep-2018", host_city=gaziantep)
    f.GeneralAssemblyFactory(summit=gaziantep_summit, number=105)
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
        slug="w-7th-ga-tehran-2025",
        host_city=tehran,
        start_date=datetime.date(2025, 11, 1),
        end_date=datetime.date(2025, 11, 3),
    )
    f.GeneralAssemblyFactory(summit=tehran_summit, number=107)
    f.PanelFactory(summit=tehran_summit, theme="resilience")
    f.ParticipationFactory(summit=tehran_summit, city=tehran, role="host")
    f.ParticipationFactory(summit=tehran_summit, city=hidden_city)
    f.DocumentFactory(summit=tehran_summit)
    f.DocumentFactory(summit=tehran_summit)
    f.DocumentFactory(summit=tehran_summit, is_published=False)
    session = f.BoardSessionFactory(summit=tehran_summit, city=tehran, number=109)
    f.ParticipationFactory(summit=None, board_session=session, city=kashan)
    f.BoardSessionFactory(city=None, format="online", number=110)

    draft_summit = f.SummitFactory(slug="w-draft-summit", host_city=tehran, is_published=False)
    f.PanelFactory(summit=draft_summit)
    f.DocumentFactory(summit=draft_summit)
    return {
        "kashan": kashan,
        "gaziantep_summit": gaziantep_summit,
        "tehran_summit": tehran_summit,
        "hidden_person": hidden_person,
    }


@pytest.fixture
def private_values(demo_data):
    """Every person, demo or otherwise, given private contact values to look for."""
    from members.models import Person

    for number, person in enumerate(Person.objects.all()):
        person.email = f"hidden.{number}@private.example"
        person.phone = f"+98 912 777 {number:04}"
        person.private_note = f"Private note {number}: not for the public"
        person.save()
    values = [
        value
        for person in Person.objects.all()
        for value in (person.email, person.phone, person.private_note)
    ]
    assert len(values) >= 30
    return values


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


# The browser quality tests: headless Debian Chromium driven by Selenium through
# Debian's chromedriver, axe-core and the Nu HTML Checker from node_modules.
# One browser for the whole session keeps them fast.

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def node_modules():
    """The npm tools (axe-core, vnu-jar), installed from package-lock.json when missing."""
    import shutil
    import subprocess

    from django.conf import settings

    folder = settings.BASE_DIR / "node_modules"
    wanted = [folder / "axe-core" / "axe.min.js", folder / "vnu-jar" / "build" / "dist" / "vnu.jar"]
    if not all(path.exists() for path in wanted):
        if not shutil.which("npm"):
            pytest.fail("npm is needed for the browser tests (Debian: apt-get install npm)")
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=settings.BASE_DIR,
            check=True,
        )
    return folder


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium for the session."""
    from django.db import connections

    # The live server answers a browser's keep-alive connections on threads that
    # outlive a test; with persistent database connections they would keep the
    # test database open and stop its teardown.
    connections.settings["default"]["CONN_MAX_AGE"] = 0

    import os

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            pytest.fail(f"{path} is missing: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def response_cache(db, settings):
    """The response cache on, as in production; the content generation moves at each
    statement instead of at commit, since a test's transaction never commits."""
    from django.db import connection

    settings.RESPONSE_CACHE = True
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS content_generation_bump IMMEDIATE")
    return settings


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    """Off unless a test asks for it (`response_cache`): most tests count queries."""
    settings.RESPONSE_CACHE = False
