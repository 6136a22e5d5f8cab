"""A registry where every kind of record exists both public and hidden: a draft itself,
or published but hanging on a draft at some level of its chain (a document on a panel
of a draft summit, a position at a draft organisation, …), and published references to
drafts (a public summit hosted by a draft city). Every record carries a unique text:
`<token>fa` in Persian, `<token>en` in English, and the token as its slug where it has one.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from tests import factories as f


@dataclass
class World:
    visible: dict = field(default_factory=dict)  # token -> record the public must see
    hidden: dict = field(default_factory=dict)  # token -> record the public must never see
    records: dict = field(default_factory=dict)  # name -> record, for the tests
    deleted_public: list = field(default_factory=list)  # tokens of deleted public records


def build_visibility_world() -> World:
    world = World()
    counter = itertools.count(1)

    def text(kind, hidden, fields=("name",), slug=True, **extra):
        token = f"zq{next(counter):03d}{kind}"
        values = {}
        for name in fields:
            values[f"{name}_fa"], values[f"{name}_en"] = f"{token}fa", f"{token}en"
        if slug:
            values["slug"] = token
        return token, {**values, **extra}

    def make(factory, kind, hidden, fields=("name",), slug=True, name=None, **extra):
        token, values = text(kind, hidden, fields, slug, **extra)
        record = factory(**values)
        (world.hidden if hidden else world.visible)[token] = record
        world.records[name or token] = record
        return record

    city = make(f.CityFactory, "city", False, name="city", country="IR")
    draft_city = make(f.CityFactory, "city", True, name="draft_city", is_published=False)
    f.MembershipFactory(city=city)
    f.MembershipFactory(city=draft_city)
    org = make(f.OrganisationFactory, "org", False, name="org")
    draft_org = make(f.OrganisationFactory, "org", True, name="draft_org", is_published=False)
    person = make(f.PersonFactory, "person", False, name="person")
    # The second reported bug: a public person holding an office at a draft organisation.
    person2 = make(f.PersonFactory, "person", False, name="person2")
    draft_person = make(f.PersonFactory, "person", True, name="draft_person", is_published=False)

    position = dict(fields=("title",), slug=False)
    make(f.PositionFactory, "pos", False, person=person, city=city, **position)
    make(f.PositionFactory, "pos", False, person=person2, city=None, organisation=org, **position)
    make(f.PositionFactory, "pos", True, person=person, city=draft_city, **position)
    make(
        f.PositionFactory,
        "pos",
        True,
        person=person2,
        city=None,
        organisation=draft_org,
        office="other",
        **position,
    )
    make(f.PositionFactory, "pos", True, person=draft_person, city=city, **position)

    term = make(f.BoardTermFactory, "term", False, slug=False, start_year=2080)
    world.records["seat"] = f.BoardSeatFactory(term=term, city=city, role="president")
    world.records["draft_city_seat"] = f.BoardSeatFactory(term=term, city=draft_city)

    summit_fields = dict(fields=("title", "slogan"))
    summit = make(f.SummitFactory, "summit", False, name="summit", host_city=city, **summit_fields)
    # Public, but its host city is a draft: the summit shows, the city is never named.
    make(
        f.SummitFactory,
        "summit",
        False,
        name="summit_in_draft_city",
        host_city=draft_city,
        start_date=datetime.date(2019, 5, 1),
        end_date=None,
        **summit_fields,
    )
    draft_summit = make(
        f.SummitFactory,
        "summit",
        True,
        name="draft_summit",
        host_city=city,
        start_date=datetime.date(2020, 5, 1),
        end_date=None,
        is_published=False,
        **summit_fields,
    )
    theme = dict(fields=("theme",), slug=False)
    make(f.GeneralAssemblyFactory, "ga", False, summit=summit, number=901, **theme)
    make(f.GeneralAssemblyFactory, "ga", True, summit=draft_summit, number=902, **theme)

    summary = dict(fields=("summary",), slug=False)
    session = make(
        f.BoardSessionFactory, "session", False, name="session", city=city, number=901, **summary
    )
    # Public, held at a draft summit in a draft city: neither is named.
    make(
        f.BoardSessionFactory,
        "session",
        False,
        name="session_at_draft_summit",
        city=draft_city,
        summit=draft_summit,
        number=902,
        **summary,
    )
    draft_session = make(
        f.BoardSessionFactory,
        "session",
        True,
        name="draft_session",
        city=city,
        number=903,
        is_published=False,
        **summary,
    )

    panel_fields = dict(fields=("title",))
    panel = make(
        f.PanelFactory,
        "panel",
        False,
        name="panel",
        summit=summit,
        moderator=draft_person,
        **panel_fields,
    )
    draft_panel = make(
        f.PanelFactory,
        "panel",
        True,
        name="panel_of_draft_summit",
        summit=draft_summit,
        **panel_fields,
    )
    talk = dict(fields=("title",), slug=False)
    make(f.TalkFactory, "talk", False, panel=panel, speaker=person, city=draft_city, **talk)
    make(f.TalkFactory, "talk", True, panel=panel, speaker=draft_person, **talk)
    make(f.TalkFactory, "talk", True, panel=draft_panel, speaker=person, **talk)

    part = world.records
    part["participation"] = f.ParticipationFactory(
        summit=summit, city=city, role="host", head_of_delegation=draft_person
    )
    part["org_participation"] = f.ParticipationFactory(summit=summit, city=None, organisation=org)
    part["session_participation"] = f.ParticipationFactory(
        summit=None, board_session=session, city=city
    )
    world.records["hidden_participations"] = [
        f.ParticipationFactory(summit=summit, city=draft_city),
        f.ParticipationFactory(summit=summit, city=None, organisation=draft_org),
        f.ParticipationFactory(summit=draft_summit, city=city),
        f.ParticipationFactory(summit=None, board_session=draft_session, city=city),
    ]

    document = dict(fields=("title",), slug=False)
    make(f.DocumentFactory, "doc", False, summit=summit, **document)
    make(f.DocumentFactory, "doc", False, summit=None, panel=panel, **document)
    make(f.DocumentFactory, "doc", False, summit=None, board_session=session, **document)
    make(f.DocumentFactory, "doc", True, summit=summit, is_published=False, **document)
    make(f.DocumentFactory, "doc", True, summit=draft_summit, **document)
    # The first reported bug: a published document on a panel of a draft summit.
    make(
        f.DocumentFactory,
        "doc",
        True,
        name="doc_on_draft_panel",
        summit=None,
        panel=draft_panel,
        **document,
    )
    make(f.DocumentFactory, "doc", True, summit=None, board_session=draft_session, **document)
    make(f.DocumentFactory, "doc", True, summit=summit, board_session=draft_session, **document)
    return world


def delete_some(world: World):
    """Delete drafts (which must leave no tombstone) and one public record (which must)."""
    for kind, factory in (("org", f.OrganisationFactory), ("person", f.PersonFactory)):
        token = f"zq9{kind}draftgone"
        factory(slug=token, name_fa=token, name_en=token, is_published=False).delete()
        world.hidden[token] = None
    token = "zq9orgpublicgone"
    f.OrganisationFactory(slug=token, name_fa=token, name_en=token).delete()
    world.deleted_public.append(token)
