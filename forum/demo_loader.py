"""Load the forum's real history (forum/demo/*.yaml) into the registry.

Every record is found by its natural key and written only when a value
differs, so a second run changes nothing, not even `updated_at`. The whole
load is one transaction: a bad record leaves the database as it was.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from common.dates import PartialDate, parse_partial_date
from common.models import Source
from forum.models import ReportedFigure
from members.models import BoardSeat, BoardTerm, City, Membership, Organisation, Person, Position
from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
)

DEMO_DIR = Path(__file__).resolve().parent / "demo"
LANGUAGES = ("fa", "en")


class DemoDataError(ValueError):
    pass


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def count(self, model, created):
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[str(name)] = bucket.get(str(name), 0) + 1

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)


SOURCES = "sources"


def _upsert(report, model, lookup, values):
    """Create the record, or update only the fields that differ (its sources too)."""
    values = dict(values)
    sources = values.pop(SOURCES, None)
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        report.count(model, created=True)
    else:
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if sources is not None and {s.pk for s in instance.sources.all()} != {
            s.pk for s in sources
        }:
            changed.append("updated_at")  # partners see the record change
        if changed:
            for name in changed:
                if name in values:
                    setattr(instance, name, values[name])
            instance.save(update_fields={*changed, "updated_at"})
            report.count(model, created=False)
    if sources is not None:
        instance.sources.set(sources)
    return instance


class _Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.report = LoadReport()
        self.sources = self._read("sources.yaml") or {}
        self.source_records: dict[str, Source] = {}
        self.cities: dict[str, City] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.summits: dict[str, Summit] = {}

    def _read(self, name):
        path = self.folder / name
        if not path.exists():
            return []
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle) or []

    # -- value helpers ------------------------------------------------------------

    @staticmethod
    def _text(record, key, name=None):
        """{fa: …, en: …} → {name_fa: …, name_en: …}."""
        value = record.get(key) or {}
        if isinstance(value, str):
            value = {"fa": value, "en": value}
        return {f"{name or key}_{lang}": (value.get(lang) or "").strip() for lang in LANGUAGES}

    def _sourcing(self, record):
        """Certainty, the note in each language, and the sources (set after the save)."""
        keys = record.get("source") or []
        keys = [keys] if isinstance(keys, str) else list(keys)
        unknown = [key for key in keys if key not in self.sources]
        if unknown:
            raise DemoDataError(f"unknown source {', '.join(unknown)} in {record}")
        note = record.get("note") or {}
        if not isinstance(note, dict):
            raise DemoDataError(f"a note is {{fa: …, en: …}}, one text per language, in {record}")
        return {
            "certainty": record.get("certainty", "verified"),
            **{f"source_note_{lang}": (note.get(lang) or "").strip() for lang in LANGUAGES},
            SOURCES: [self._source(key) for key in keys],
        }

    def _source(self, key):
        """The Source of an S-key of sources.yaml (a URL, or url/title/publisher/accessed)."""
        if key not in self.source_records:
            entry = self.sources[key]
            entry = {"url": entry} if isinstance(entry, str) else dict(entry)
            accessed = entry.get("accessed")
            self.source_records[key] = _upsert(
                self.report,
                Source,
                {"url": entry["url"]},
                {
                    "title": entry.get("title") or "",
                    "publisher": entry.get("publisher") or "",
                    "accessed_on": self._date(accessed).start if accessed else None,
                    "archive_url": entry.get("archive") or "",
                },
            )
        return self.source_records[key]

    @staticmethod
    def _date(value) -> PartialDate | None:
        if value in (None, ""):
            return None
        try:
            return parse_partial_date(value)
        except ValueError as error:
            raise DemoDataError(str(error)) from None

    def _dates(self, record, start_field, end_field, precision_field, start="from", end="to"):
        first, last = self._date(record.get(start)), self._date(record.get(end))
        values = {
            start_field: first.start if first else None,
            end_field: last.start if last else None,
        }
        if isinstance(precision_field, tuple):
            values[precision_field[0]] = first.precision if first else "day"
            values[precision_field[1]] = last.precision if last else "day"
        else:
            values[precision_field] = first.precision if first else "day"
        return values

    def _period(self, record, start="from", end="to"):
        """A period as far as it is known: `attested: true` when the start is only the
        earliest mention; the end a date, `unknown` (with `not_before`), or absent (open)."""
        first = self._date(record.get(start))
        ending = record.get(end)
        unknown_end = ending == "unknown"
        last = None if unknown_end else self._date(ending)
        bound = self._date(record.get("not_before"))
        if bound and not unknown_end:
            raise DemoDataError(f"not_before on an end that is not unknown in {record}")
        return {
            "started_on": first.start,
            "started_precision": first.precision,
            "start_kind": "attested" if record.get("attested") else "known",
            "end_kind": "unknown" if unknown_end else "known" if last else "open",
            "ended_on": last.start if last else None,
            "ended_precision": last.precision if last else "day",
            "ended_not_before": bound.start if bound else None,
            "ended_not_before_precision": bound.precision if bound else "day",
        }

    def _lookup(self, table, slug, kind):
        if slug in (None, ""):
            return None
        try:
            return table[slug]
        except KeyError:
            raise DemoDataError(f"unknown {kind} {slug!r}") from None

    # -- records ------------------------------------------------------------------

    def load_organisations(self):
        for record in self._read("organisations.yaml"):
            self.organisations[record["slug"]] = _upsert(
                self.report,
                Organisation,
                {"slug": record["slug"]},
                {
                    **self._text(record, "name"),
                    **self._text(record, "acronym"),
                    **self._text(record, "description"),
                    "kind": record["kind"],
                    "country": record.get("country") or "",
                    "website": record.get("website") or "",
                    "is_published": record.get("published", True),
                    **self._sourcing(record),
                },
            )

    def load_cities(self):
        for record in self._read("cities.yaml"):
            city = _upsert(
                self.report,
                City,
                {"slug": record["slug"]},
                {
                    **self._text(record, "name"),
                    **self._text(record, "description"),
                    "country": record["country"],
                    "subdivision": record.get("subdivision") or "",
                    "region": record["region"],
                    "population": record.get("population"),
                    "website": record.get("website") or "",
                    "latitude": _decimal(record.get("latitude")),
                    "longitude": _decimal(record.get("longitude")),
                    "is_published": record.get("published", True),
                    **self._sourcing(record),
                },
            )
            self.cities[city.slug] = city
            periods = [
                (period, self._period(period, start="since", end="until"))
                for period in record.get("memberships") or []
            ]
            # A period the file no longer has goes first (its start was corrected, say):
            # it would overlap the one that replaces it.
            self._drop(
                city.memberships.exclude(
                    started_on__in=[dates["started_on"] for _p, dates in periods]
                )
            )
            for period, dates in periods:
                _upsert(
                    self.report,
                    Membership,
                    {"city": city, "started_on": dates.pop("started_on")},
                    {"status": period["status"], **dates, **self._sourcing(period)},
                )

    def load_people(self):
        for record in self._read("people.yaml"):
            person = _upsert(
                self.report,
                Person,
                {"slug": record["slug"]},
                {
                    **self._text(record, "name"),
                    **self._text(record, "biography"),
                    "is_published": record.get("published", True),
                    **self._sourcing(record),
                },
            )
            self.people[person.slug] = person
            positions = [
                (
                    position,
                    self._period(position),
                    self._lookup(self.cities, position.get("city"), "city"),
                )
                for position in record.get("positions") or []
            ]
            kept = [
                (position["office"], city.pk if city else None, dates["started_on"])
                for position, dates, city in positions
            ]
            self._drop(
                [
                    held
                    for held in person.positions.all()
                    if (held.office, held.city_id, held.started_on) not in kept
                ]
            )
            for position, dates, city in positions:
                _upsert(
                    self.report,
                    Position,
                    {
                        "person": person,
                        "office": position["office"],
                        "city": city,
                        "started_on": dates.pop("started_on"),
                    },
                    {
                        **self._text(position, "title"),
                        "organisation": self._lookup(
                            self.organisations, position.get("organisation"), "organisation"
                        ),
                        **dates,
                        **self._sourcing(position),
                    },
                )

    def _drop(self, records):
        """Delete records of the file's cities or people that the file no longer holds."""
        for record in list(records):
            record.delete()
            bucket = self.report.deleted
            name = str(record._meta.verbose_name_plural)
            bucket[name] = bucket.get(name, 0) + 1

    def load_board_terms(self):
        for record in self._read("board_terms.yaml"):
            term = _upsert(
                self.report,
                BoardTerm,
                {"start_year": record["start_year"]},
                {
                    **self._text(record, "name"),
                    "end_year": record["end_year"],
                    **self._sourcing(record),
                },
            )
            for seat in record.get("seats") or []:
                _upsert(
                    self.report,
                    BoardSeat,
                    {"term": term, "city": self._lookup(self.cities, seat["city"], "city")},
                    {"role": seat.get("role", "member"), **self._sourcing(seat)},
                )

    def load_summits(self):
        for record in self._read("summits.yaml"):
            summit = _upsert(
                self.report,
                Summit,
                {"slug": record["slug"]},
                {
                    **self._text(record, "title"),
                    **self._text(record, "venue"),
                    **self._text(record, "slogan"),
                    **self._text(record, "description"),
                    **self._text(record, "attendance"),
                    "host_city": self._lookup(self.cities, record["host"], "city"),
                    **self._dates(record, "start_date", "end_date", "date_precision"),
                    "format": record.get("format", "in_person"),
                    "is_published": record.get("published", True),
                    **self._sourcing(record),
                },
            )
            self.summits[summit.slug] = summit
            assembly = record.get("general_assembly")
            if assembly:
                _upsert(
                    self.report,
                    GeneralAssembly,
                    {"number": assembly["number"]},
                    {"summit": summit, **self._text(assembly, "theme"), **self._sourcing(record)},
                )
            for order, panel in enumerate(record.get("panels") or [], start=1):
                _upsert(
                    self.report,
                    Panel,
                    {"summit": summit, "slug": panel["slug"]},
                    {
                        **self._text(panel, "title"),
                        **self._text(panel, "description"),
                        "theme": panel["theme"],
                        "order": order,
                        "moderator": self._lookup(self.people, panel.get("moderator"), "person"),
                        **self._sourcing(panel if _sourced(panel) else record),
                    },
                )
            self._participants(record, summit=summit)
            self._documents(record, summit=summit)

    def load_board_sessions(self):
        for record in self._read("board_sessions.yaml"):
            session = _upsert(
                self.report,
                BoardSession,
                {"number": record["number"]},
                {
                    "summit": self._lookup(self.summits, record.get("summit"), "summit"),
                    "city": self._lookup(self.cities, record.get("city"), "city"),
                    **self._text(record, "venue"),
                    **self._text(record, "summary"),
                    **self._dates(record, "start_date", "end_date", "date_precision"),
                    "date_is_window": record.get("window", False),
                    "place_unknown": record.get("place_unknown", False),
                    "no_public_record": record.get("no_public_record", False),
                    "format": record.get("format", "in_person"),
                    "is_published": record.get("published", True),
                    **self._sourcing(record),
                },
            )
            self._participants(record, board_session=session)
            self._documents(record, board_session=session)

    def _participants(self, record, **meeting):
        for entry in record.get("participants") or []:
            city = self._lookup(self.cities, entry.get("city"), "city")
            organisation = self._lookup(
                self.organisations, entry.get("organisation"), "organisation"
            )
            _upsert(
                self.report,
                Participation,
                {**meeting, "city": city, "organisation": organisation},
                {
                    "role": entry.get("role", "delegation"),
                    "online": entry.get("online", False),
                    "delegates": entry.get("delegates"),
                    "head_of_delegation": self._lookup(self.people, entry.get("head"), "person"),
                    **self._sourcing(entry if _sourced(entry) else record),
                },
            )

    def _documents(self, record, **attached_to):
        for entry in record.get("documents") or []:
            issued = self._date(entry.get("date"))
            _upsert(
                self.report,
                Document,
                {"url": entry["url"], **attached_to},
                {
                    **self._text(entry, "title"),
                    "kind": entry["kind"],
                    "language": entry.get("language", "en"),
                    "issued_on": issued.start if issued else None,
                    "is_published": entry.get("published", True),
                },
            )

    def load_reported_figures(self):
        for record in self._read("reported_figures.yaml"):
            reported = self._date(record["date"])
            _upsert(
                self.report,
                ReportedFigure,
                {"reported_on": reported.start},
                {
                    "reported_precision": reported.precision,
                    "member_cities": record["cities"],
                    "countries": record.get("countries"),
                    "qualifier": record.get("qualifier", "exact"),
                    **self._text(record, "figure_note", name="note"),
                    **self._sourcing(record),
                },
            )


def _sourced(entry):
    """An entry that says anything of its own sourcing; others inherit their record's."""
    return any(entry.get(key) for key in ("source", "certainty", "note"))


def _decimal(value):
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.00001"))


@transaction.atomic
def load_demo(*, folder: Path | None = None) -> LoadReport:
    """Write the demo registry; return what was created and updated."""
    loader = _Loader(folder or DEMO_DIR)
    loader.load_organisations()
    loader.load_cities()
    loader.load_people()
    loader.load_board_terms()
    loader.load_summits()
    loader.load_board_sessions()
    loader.load_reported_figures()
    return loader.report
