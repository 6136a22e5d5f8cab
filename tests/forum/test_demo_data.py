"""The demo data is the forum's real history, and loading it twice changes nothing."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from common.dates import DatePrecision
from forum.demo_loader import load_demo
from members.models import City, Membership, Organisation, Person, Position
from summits.models import BoardSession, GeneralAssembly, Panel, Participation, Summit

pytestmark = pytest.mark.django_db

D = datetime.date


def _snapshot():
    models = (City, Membership, Organisation, Person, Position, Summit, GeneralAssembly)
    models += (BoardSession, Panel, Participation)
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at")) for model in models
    }


def test_seven_general_assemblies_with_their_hosts_and_dates(demo_data):
    assemblies = GeneralAssembly.objects.select_related("summit__host_city").order_by("number")
    hosts = [(a.number, a.summit.host_city.name_en, a.summit.start_date) for a in assemblies]
    assert hosts == [
        (1, "Tehran", D(2008, 11, 19)),
        (2, "Istanbul", D(2011, 4, 1)),
        (3, "Bangkok", D(2012, 11, 28)),
        (4, "Haikou", D(2014, 11, 25)),
        (5, "Gaziantep", D(2018, 11, 29)),
        (6, "Dushanbe", D(2022, 3, 8)),
        (7, "Tehran", D(2025, 11, 28)),
    ]


def test_gaziantep_assembly_has_its_slogan_and_four_panels(demo_data):
    summit = GeneralAssembly.objects.get(number=5).summit
    assert summit.end_date == D(2018, 12, 2)
    assert summit.slogan_en == "Smart, Resilient and Livable Asian Cities"
    assert "تاب‌آور" in summit.slogan_fa
    themes = set(summit.panels.values_list("theme", flat=True))
    assert themes == {"mobility", "smart_city", "resilience", "livability"}
    assert summit.dates_display("fa") == "۸ تا ۱۱ آذر ۱۳۹۷"


def test_kashan_joined_in_the_solar_hijri_year_1394(demo_data):
    membership = Membership.objects.get(city__slug="kashan")
    assert membership.started_precision == DatePrecision.JALALI_YEAR
    assert membership.started_on == D(2015, 3, 21)
    assert membership.started.format("fa") == "۱۳۹۴"
    assert membership.started.format("en") == "2015/16"
    assert membership.certainty == "brief"


def test_iranian_members_named_in_the_news_are_members(demo_data):
    named = ["tehran", "mashhad", "isfahan", "shiraz", "karaj", "tabriz", "ahvaz"]
    named += ["zahedan", "rasht", "qom", "semnan", "hamedan", "kashan"]
    members = set(City.objects.members().values_list("slug", flat=True))
    assert set(named) <= members


def test_every_city_has_both_names_and_every_fact_a_source(demo_data):
    assert City.objects.count() >= 50
    assert not City.objects.filter(name_fa="").exists()
    assert not City.objects.filter(name_en="").exists()
    assert not Summit.objects.filter(source_url="").exists()
    assert not BoardSession.objects.filter(source_url="").exists()


def test_observer_organisations_of_the_first_summit(demo_data):
    first = GeneralAssembly.objects.get(number=1).summit
    observers = set(
        Participation.objects.filter(summit=first, role="observer").values_list(
            "organisation__slug", flat=True
        )
    )
    assert {"un", "eco", "asean"} <= observers


def test_presidents_and_secretaries_general(demo_data):
    presidents = Position.objects.filter(office="forum_president").order_by("started_on")
    assert [p.city.slug for p in presidents][:6] == [
        "tehran",
        "istanbul",
        "bangkok",
        "haikou",
        "gaziantep",
        "dushanbe",
    ]
    assert Position.objects.filter(office="secretary_general").count() == 3


def test_uncertain_facts_are_marked(demo_data):
    third = BoardSession.objects.get(number=3)
    assert third.certainty == "uncertain"
    assert third.date_precision == DatePrecision.MONTH


def test_loading_twice_changes_nothing(demo_data):
    before = _snapshot()
    report = load_demo()
    assert not report.changed
    assert _snapshot() == before


def test_a_bad_record_writes_nothing(db, tmp_path):
    (tmp_path / "sources.yaml").write_text("S1: https://example.org/a\n")
    (tmp_path / "cities.yaml").write_text(
        "- {slug: good, name: {fa: خوب, en: Good}, country: IR, region: west, source: S1}\n"
        "- {slug: bad, name: {fa: بد, en: Bad}, country: IR, region: west, source: S1,\n"
        "   memberships: [{status: member, since: '2013-13'}]}\n"
    )
    with pytest.raises(ValueError, match="2013-13"):
        load_demo(folder=tmp_path)
    assert not City.objects.exists()


def test_command_reports_a_bad_record_as_an_error(db, tmp_path):
    (tmp_path / "sources.yaml").write_text("S1: https://example.org/a\n")
    (tmp_path / "summits.yaml").write_text("- {slug: x, host: nowhere, from: '2020', source: S1}\n")
    with pytest.raises(CommandError, match="unknown city 'nowhere'"):
        call_command("load_demo", folder=tmp_path)
