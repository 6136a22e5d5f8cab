"""A registry of a given scale, for load tests and `make bench`.

Scale 1 is about 2,000 cities, 300 summits, 3,000 panels, 10,000 people and
30,000 participations (plus a membership and a mayor per city, three talks a
panel and a document a summit), with both languages filled; scale 10 is ten
times that. The data is the same for the same scale and seed.

Rows go in with COPY in one transaction. The tables' own triggers (updated_at,
tombstones, the content generation) are switched off for the load, inside that
transaction, and the content generation is moved on once at the end; foreign
keys and constraints stay checked. Every slug starts with `gen-`, so the demo
data's natural keys are never touched, and a second run is refused.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import connection, transaction

from members.models import City, Membership, Person, Position, Region
from summits.models import Document, Panel, Participation, Summit, Talk

PREFIX = "gen-"
PER_SCALE = {
    "cities": 2_000,
    "summits": 300,
    "panels_per_summit": 10,
    "people": 10_000,
    "participations_per_summit": 100,
    "talks_per_panel": 3,
}
COUNTRIES = (
    "AF AM AZ BD BH BN BT CN GE ID IN IQ IR JO JP KG KH KR KW KZ LA LB LK MM MN MY NP OM PH "
    "PK QA SA SG SY TH TJ TM TR UZ VN YE"
).split()
FA = "کا شان تب ریز مش هد یز دان بن در سا ری گر گان شی راز قم سم نان بر اه ور مه ره آ با".split()
EN = (
    "ka shan tab riz mash had yaz dan ban dar sa ri gar gan "
    "shi raz qom sam nan bar ah var ma re a ba"
).split()
MODELS = (City, Membership, Person, Position, Summit, Panel, Talk, Participation, Document)
TABLES = [model._meta.db_table for model in MODELS]


class GeneratorError(RuntimeError):
    pass


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)


def _name(rng: random.Random, index: int) -> tuple[str, str]:
    syllables = [rng.randrange(len(FA)) for _ in range(rng.randint(2, 3))]
    fa = "".join(FA[s] for s in syllables)
    en = "".join(EN[s] for s in syllables).capitalize()
    return f"{fa} {index}", f"{en} {index}"


class _Table:
    """Rows of one model for COPY: every concrete column, defaults for those not given."""

    def __init__(self, model, count: int):
        self.model = model
        self.columns = [f.column for f in model._meta.concrete_fields]
        self.defaults = {}
        for f in model._meta.concrete_fields:
            self.defaults[f.column] = f.get_default()
        self.rows: list[tuple] = []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, count],
            )
            self.ids = [row[0] for row in cursor.fetchall()]

    def add(self, **values) -> int:
        row_id = self.ids[len(self.rows)]
        values["id"] = row_id
        self.rows.append(tuple(values.get(c, self.defaults[c]) for c in self.columns))
        return row_id

    def copy(self) -> int:
        table = self.model._meta.db_table
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        return len(self.rows)


def generate(scale: int = 1, seed: int = 2026) -> Report:
    if scale < 1:
        raise GeneratorError("The scale is a whole number from 1.")
    if City.objects.filter(slug__startswith=PREFIX).exists():
        raise GeneratorError(
            "Generated data is already in this database (slugs starting with 'gen-'): "
            "generate into a fresh database."
        )
    rng = random.Random(f"{seed}:{scale}")
    n = {key: value * scale for key, value in PER_SCALE.items()}
    n["panels_per_summit"] = PER_SCALE["panels_per_summit"]
    n["participations_per_summit"] = PER_SCALE["participations_per_summit"]
    n["talks_per_panel"] = PER_SCALE["talks_per_panel"]
    epoch = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)

    def stamp():
        # Changes spread over five years, so `updated_since` pulls return a part of them.
        moment = epoch + datetime.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
        return {"created_at": moment, "updated_at": moment, "version": 1}

    with transaction.atomic():
        with connection.cursor() as cursor:
            # A table with pending deferred checks (of an enclosing transaction) cannot be
            # altered: run them now, and check the loaded rows' keys statement by statement.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        regions = [choice for choice, _label in Region.choices]
        cities = _Table(City, n["cities"])
        memberships = _Table(Membership, n["cities"])
        for i in range(n["cities"]):
            fa, en = _name(rng, i)
            city = cities.add(
                **stamp(),
                name=fa,
                name_fa=fa,
                name_en=en,
                slug=f"{PREFIX}city-{i}",
                country=rng.choice(COUNTRIES),
                region=rng.choice(regions),
                population=rng.randrange(50_000, 20_000_000),
                description=f"شهر {fa}",
                description_fa=f"شهر {fa}",
                description_en=f"The city of {en}",
                is_published=rng.random() > 0.02,
            )
            statuses = ["member", "observer", "suspended", "withdrawn"]
            status = rng.choices(statuses, [80, 10, 5, 5])[0]
            started = datetime.date(rng.randrange(1995, 2024), rng.randrange(1, 13), 1)
            memberships.add(
                **stamp(),
                city_id=city,
                status=status,
                started_on=started,
                started_precision="month",
                ended_on=datetime.date(2024, 6, 1) if status == "withdrawn" else None,
                end_kind="known" if status == "withdrawn" else "open",
            )
        people = _Table(Person, n["people"])
        positions = _Table(Position, n["cities"])
        for i in range(n["people"]):
            fa, en = _name(rng, i)
            person = people.add(
                **stamp(),
                name=fa,
                name_fa=fa,
                name_en=en,
                slug=f"{PREFIX}person-{i}",
                is_published=rng.random() > 0.02,
                email=f"person{i}@example.org",
            )
            if i < n["cities"]:
                positions.add(
                    **stamp(),
                    person_id=person,
                    office="mayor",
                    city_id=cities.ids[i],
                    started_on=datetime.date(rng.randrange(2000, 2024), 1, 1),
                    started_precision="year",
                )
        summits = _Table(Summit, n["summits"])
        panels = _Table(Panel, n["summits"] * n["panels_per_summit"])
        talks = _Table(Talk, n["summits"] * n["panels_per_summit"] * n["talks_per_panel"])
        participations = _Table(Participation, n["summits"] * n["participations_per_summit"])
        documents = _Table(Document, n["summits"])
        themes = [choice for choice, _label in Panel.Theme.choices]
        for i in range(n["summits"]):
            host_index = rng.randrange(n["cities"])
            start = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(40 * 365))
            fa_city, en_city = _name(rng, host_index)
            summit = summits.add(
                **stamp(),
                slug=f"{PREFIX}summit-{i}",
                host_city_id=cities.ids[host_index],
                title=f"اجلاس {i} در {fa_city}",
                title_fa=f"اجلاس {i} در {fa_city}",
                title_en=f"Summit {i} in {en_city}",
                slogan=f"شهرهای پایدار {i}",
                slogan_fa=f"شهرهای پایدار {i}",
                slogan_en=f"Sustainable cities {i}",
                venue="تالار همایش",
                venue_fa="تالار همایش",
                venue_en="Conference hall",
                start_date=start,
                end_date=start + datetime.timedelta(days=2),
                is_published=rng.random() > 0.02,
            )
            documents.add(
                **stamp(),
                kind="declaration",
                title=f"بیانیه {i}",
                title_fa=f"بیانیه {i}",
                title_en=f"Declaration {i}",
                url=f"https://example.org/declarations/{i}",
                language="multi",
                issued_on=start,
                summit_id=summit,
                is_published=True,
            )
            for p in range(n["panels_per_summit"]):
                panel = panels.add(
                    **stamp(),
                    summit_id=summit,
                    slug=f"{PREFIX}panel-{p}",
                    order=p,
                    title=f"نشست {i}-{p}",
                    title_fa=f"نشست {i}-{p}",
                    title_en=f"Panel {i}-{p}",
                    theme=themes[p % len(themes)],
                    moderator_id=people.ids[rng.randrange(n["people"])],
                )
                for order, speaker in enumerate(rng.sample(people.ids, n["talks_per_panel"])):
                    talks.add(
                        **stamp(),
                        panel_id=panel,
                        speaker_id=speaker,
                        order=order,
                        city_id=cities.ids[rng.randrange(n["cities"])],
                        title=f"سخنرانی {order}",
                        title_fa=f"سخنرانی {order}",
                        title_en=f"Talk {order}",
                    )
            guests = rng.sample(range(n["cities"]), n["participations_per_summit"])
            if host_index in guests:
                guests.remove(host_index)
            else:
                guests.pop()
            for rank, city_index in enumerate([host_index, *guests]):
                participations.add(
                    **stamp(),
                    summit_id=summit,
                    city_id=cities.ids[city_index],
                    role="host" if rank == 0 else rng.choice(["delegation", "observer", "speaker"]),
                    delegates=rng.randrange(1, 12),
                    head_of_delegation_id=people.ids[rng.randrange(n["people"])],
                )
        report = Report()
        tables = (cities, memberships, people, positions, summits, panels, talks, participations)
        for table in (*tables, documents):
            report.counts[table.model._meta.verbose_name_plural] = table.copy()
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            # The triggers were off: move the content generation on by hand, and refresh
            # the planner's statistics for the new rows.
            cursor.execute(
                "UPDATE common_contentgeneration SET value = greatest(value + 1, "
                "(extract(epoch FROM clock_timestamp()) * 1e6)::bigint)"
            )
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")
    return report
