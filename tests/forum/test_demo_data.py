"""The demo data is the forum's real history, and loading it twice changes nothing."""

import datetime

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Count

from common.dates import DatePrecision
from common.models import SourcedModel
from forum.demo_loader import load_demo
from members.models import BoardTerm, City, Membership, Organisation, Person, Position
from summits.models import BoardSession, GeneralAssembly, Panel, Participation, Summit

pytestmark = pytest.mark.django_db

D = datetime.date


def _snapshot():
    models = (City, Membership, Organisation, Person, Position, Summit, GeneralAssembly)
    models += (BoardSession, Panel, Participation, BoardTerm)
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
    assert not Summit.objects.filter(sources__isnull=True).exists()
    # Only the 2nd session, of which no public record was found, has no source.
    unsourced = BoardSession.objects.filter(sources__isnull=True)
    assert list(unsourced.values_list("number", flat=True)) == [2]


def test_the_second_session_has_no_public_record(demo_data):
    second = BoardSession.objects.get(number=2)
    assert second.no_public_record
    assert second.start_date is None and second.city is None and second.summit is None
    assert second.certainty == "uncertain"
    assert "no public record" in second.summary_en.lower()
    assert "یافت نشد" in second.summary_fa
    assert sorted(BoardSession.objects.values_list("number", flat=True)) == list(range(1, 12))


def test_sessions_known_to_one_day_of_a_window(demo_data):
    windows = {
        s.number: (s.start_date, s.end_date, s.date_precision)
        for s in BoardSession.objects.filter(date_is_window=True)
    }
    assert windows == {
        6: (D(2018, 11, 29), D(2018, 12, 2), DatePrecision.DAY),
        10: (D(2024, 8, 28), D(2024, 8, 29), DatePrecision.DAY),
        11: (D(2025, 11, 27), D(2025, 11, 29), DatePrecision.DAY),
    }


def test_organisations_at_the_tenth_session(demo_data):
    tenth = BoardSession.objects.get(number=10)
    parties = Participation.objects.filter(board_session=tenth, organisation__isnull=False)
    assert set(parties.values_list("organisation__slug", flat=True)) == {
        "iom",
        "eco-cultural-institute",
    }
    for party in parties:
        assert [s.url for s in party.sources.all()] == [
            "https://baranpress.ir/rasht-membership-in-asian-mayors-forum"
        ]
    assert Organisation.objects.get(slug="iom").kind == "un"
    eco = Organisation.objects.get(slug="eco-cultural-institute")
    assert (eco.kind, eco.country) == ("intergovernmental", "IR")


ATTESTED = {
    # documented members whose joining date is not known: the earliest attestation
    "mashhad": ("member", D(2014, 11, 24), "verified"),
    "isfahan": ("member", D(2015, 8, 29), "single_source"),
    "shiraz": ("member", D(2011, 4, 1), "verified"),
    "karaj": ("member", D(2012, 11, 1), "single_source"),
    "tabriz": ("member", D(2012, 11, 1), "verified"),
    "ahvaz": ("member", D(2012, 11, 1), "single_source"),
    "zahedan": ("member", D(2018, 1, 1), "single_source"),
    "qom": ("member", D(2012, 11, 1), "single_source"),
    "semnan": ("member", D(2018, 1, 1), "single_source"),
    "hamedan": ("member", D(2018, 1, 1), "single_source"),
    "antalya": ("member", D(2022, 3, 8), "verified"),
    "kazan": ("associate", D(2025, 11, 28), "verified"),
    "baghdad": ("member", D(2011, 4, 1), "verified"),
    # "member by" a board seat, the term presidency or a General Assembly hosted
    "istanbul": ("member", D(2011, 4, 1), "inferred"),
    "bangkok": ("member", D(2012, 11, 28), "inferred"),
    "gaziantep": ("member", D(2018, 11, 29), "inferred"),
    "dushanbe": ("member", D(2022, 3, 8), "inferred"),
    "sari": ("member", D(2025, 11, 1), "inferred"),
    # the seat itself rests on one uncertain press report (S16)
    "beijing": ("member", D(2011, 4, 1), "uncertain"),
    "busan": ("member", D(2011, 4, 1), "uncertain"),
    "kuala-lumpur": ("member", D(2011, 4, 1), "uncertain"),
}
KNOWN_START = {"tehran", "haikou", "kashan", "rasht", "yazd"}


def test_memberships_with_attested_starts_are_the_ones_decided(demo_data):
    attested = {
        m.city.slug: (m.status, m.started_on, m.certainty)
        for m in Membership.objects.filter(start_kind="attested").select_related("city")
    }
    assert attested == ATTESTED
    known = Membership.objects.filter(start_kind="known").values_list("city__slug", flat=True)
    assert set(known) == KNOWN_START
    for membership in Membership.objects.filter(start_kind="attested"):
        if membership.certainty == "inferred":
            assert membership.source_note_en.startswith("Member by ")
            assert membership.source_note_fa.startswith("عضو دست‌کم از ")
        elif membership.certainty != "uncertain":
            assert membership.source_note_en.startswith("Joining date not found; ")
            assert membership.source_note_fa.startswith("تاریخ پیوستن یافت نشد؛ ")


def test_known_membership_dates(demo_data):
    starts = {
        m.city.slug: (m.started_on, m.started_precision, m.certainty)
        for m in Membership.objects.filter(start_kind="known").select_related("city")
    }
    assert starts["rasht"] == (D(2024, 8, 1), DatePrecision.MONTH, "single_source")
    assert starts["yazd"] == (D(2025, 1, 1), DatePrecision.YEAR, "single_source")
    assert starts["haikou"][0] == D(2013, 11, 1)
    yazd = Membership.objects.get(city__slug="yazd")
    assert {s.url.split("/news/")[1][:7] for s in yazd.sources.all()} == {
        "5561983",
        "6583658",
        "5639626",
    }


def test_participants_alone_are_not_members(demo_data):
    for slug in ("karbala", "urmia", "qazvin", "konya", "lahore", "dhaka", "colombo"):
        assert not Membership.objects.filter(city__slug=slug).exists(), slug


def test_every_membership_has_a_source_or_comes_from_the_brief(demo_data):
    unsourced = Membership.objects.annotate(n=Count("sources")).filter(n=0)
    assert set(unsourced.values_list("city__slug", "certainty")) == {("kashan", "brief")}


def test_every_note_has_both_languages_apart(demo_data):
    for model in apps.get_models():
        if not issubclass(model, SourcedModel):
            continue
        for fa, en in model._default_manager.values_list("source_note_fa", "source_note_en"):
            assert bool(fa) == bool(en), (model.__name__, fa or en)
            assert not fa or fa != en, (model.__name__, fa)


def test_regions_follow_un_m49(demo_data):
    regions = dict(City.objects.values_list("slug", "region"))
    assert {regions[slug] for slug in ("tehran", "mashhad", "kashan", "karachi", "dhaka")} == {
        "south"
    }
    assert {regions[slug] for slug in ("istanbul", "baghdad", "ghobeiry", "manama")} == {"west"}
    assert regions["kazan"] == "eastern_europe"
    assert regions["dushanbe"] == "central"
    assert set(City.objects.filter(country="IR").values_list("region", flat=True)) == {"south"}


def test_board_terms(demo_data):
    terms = BoardTerm.objects.order_by("start_year")
    assert [(t.start_year, t.end_year) for t in terms] == [
        (2011, 2012),
        (2018, 2021),
        (2022, 2025),
        (2026, 2029),
    ]
    assert not BoardTerm.objects.filter(sources__isnull=True).exists()
    seats = {t.start_year: dict(t.seats.values_list("city__slug", "role")) for t in terms}
    assert seats[2018] == {"tehran": "permanent", "gaziantep": "president"}
    assert seats[2022]["dushanbe"] == "president"
    assert seats[2022]["sari"] == seats[2026]["sari"] == "member"


def test_gaziantep_panels_are_sourced_as_the_texts_allow(demo_data):
    summit = GeneralAssembly.objects.get(number=5).summit
    s24 = "http://uclg-mewa.org/the-5th-asian-mayors-forum-general-assembly-smart-resilient-and-livable-asian-cities/"
    seed = "https://bananews.ir/news/98016/"
    sourcing = {
        panel.slug: (panel.certainty, {s.url for s in panel.sources.all()})
        for panel in summit.panels.all()
    }
    assert sourcing == {
        "mobility": ("verified", {s24, seed}),
        "smart-cities": ("verified", {s24, seed}),
        "resilience": ("single_source", {seed}),
        "livability": ("single_source", {seed}),
    }


def test_sources_have_titles_and_publishers(demo_data):
    from common.models import Source

    s23 = Source.objects.get(
        url="https://www.mayors.asia/the-5th-general-assembly-of-amf-turkiye-gaziantep-2018/"
    )
    assert (s23.publisher, s23.title) == (
        "Asian Mayors Forum",
        "The 5th General Assembly of AMF, Gaziantep 2018",
    )
    assert Source.objects.filter(accessed_on__isnull=False).count() == 0
    # Every source cited has its publisher, but S12, whose address says too little.
    unnamed = set(Source.objects.filter(publisher="").values_list("url", flat=True))
    assert unnamed <= {"https://asiaplus.news/?p=9265"}


def test_report_counts(demo_data):
    """Not a check: prints what the data holds (run with -s)."""
    by_certainty = dict(
        Membership.objects.values_list("certainty").annotate(n=Count("id")).order_by()
    )
    attested = Membership.objects.filter(start_kind="attested").count()
    print(f"\nCOUNTS memberships {Membership.objects.count()} by certainty {by_certainty}")
    print(f"COUNTS memberships attested {attested}")
    for model in sorted(apps.get_models(), key=lambda m: m.__name__):
        if issubclass(model, SourcedModel):
            manager = model._default_manager
            unsourced = manager.annotate(n=Count("sources")).filter(n=0).count()
            print(f"COUNTS {model.__name__}: {unsourced} of {manager.count()} without a source")
    assert sum(by_certainty.values()) == 26 and attested == 21


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
    secretaries = Position.objects.filter(office="secretary_general")
    open_ones = secretaries.filter(end_kind="open").values_list("person__slug", flat=True)
    assert list(open_ones) == ["hamidreza-gholamzadeh"]
    assert Position.objects.filter(office="forum_president", end_kind="open").count() <= 1
    spans = {
        p.person.slug: (p.started_on, p.start_kind, p.end_kind, p.ended_not_before)
        for p in secretaries.select_related("person")
    }
    assert spans == {
        "mohammad-khodadadi": (D(2008, 11, 1), "known", "unknown", D(2015, 8, 29)),
        "goshtasb-mozafari": (D(2018, 11, 1), "attested", "unknown", D(2022, 3, 8)),
        "hamidreza-gholamzadeh": (D(2023, 5, 1), "attested", "open", None),
    }
    emomali = Position.objects.get(person__slug="rustam-emomali")
    assert emomali.end_kind == "unknown"


def test_inferred_facts_are_marked(demo_data):
    third = BoardSession.objects.get(number=3)
    assert third.certainty == "inferred"
    assert third.date_precision == DatePrecision.MONTH
    assert third.start_date == D(2013, 11, 1)
    assert third.city.slug == "gaziantep"


def test_loading_twice_changes_nothing(demo_data):
    before = _snapshot()
    report = load_demo()
    assert not report.changed
    assert _snapshot() == before


def test_a_database_loaded_before_a_correction_takes_the_corrected_periods(demo_data):
    """A start corrected in the files (Mashhad: first mentioned in November 2014, not
    "2014"): the old period goes, or it would overlap the new one; a second load is quiet."""
    mashhad = City.objects.get(slug="mashhad")
    (current,) = mashhad.memberships.all()
    old = Membership.objects.create(
        city=mashhad, status="member", started_on=D(2013, 1, 1), started_precision="year",
        ended_on=current.started_on - datetime.timedelta(days=1),
    )  # fmt: skip
    khodadadi = Position.objects.get(person__slug="mohammad-khodadadi")
    Position.objects.filter(pk=khodadadi.pk).update(started_on=D(2008, 1, 1))
    report = load_demo()
    assert report.deleted and not Membership.objects.filter(pk=old.pk).exists()
    assert list(mashhad.memberships.values_list("pk", flat=True)) == [current.pk]
    assert Position.objects.get(person__slug="mohammad-khodadadi").started_on == D(2008, 11, 1)
    assert not load_demo().changed


def test_a_note_in_one_string_is_refused(db, tmp_path):
    (tmp_path / "sources.yaml").write_text("S1: https://example.org/a\n")
    (tmp_path / "cities.yaml").write_text(
        "- {slug: x, name: {fa: ایکس, en: X}, country: IR, region: south, source: S1,\n"
        "   note: 'یک یادداشت / a note'}\n"
    )
    with pytest.raises(ValueError, match="one text per language"):
        load_demo(folder=tmp_path)


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


def test_a_membership_inferred_from_an_old_role_alone_is_not_counted_as_current(demo_data):
    """A 2011 board seat or presidency and nothing since: a member then, not known now."""
    members = set(City.objects.members().values_list("slug", flat=True))
    for slug in ("beijing", "busan", "kuala-lumpur", "istanbul"):
        membership = Membership.objects.get(city__slug=slug)
        assert membership.end_kind == "unknown" and slug not in members, slug
    assert Membership.objects.get(city__slug="istanbul").ended_not_before == D(2012, 11, 1)
    assert {"dushanbe", "bangkok", "gaziantep", "sari"} <= members
