"""Membership over time: the figures the forum reported, and what the registry holds.

The registry records only the cities it can document, so its count is a floor, never
the forum's size; every page shows the two side by side and says which is which.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import digits_for, is_persian, to_jalali
from common.models import EndKind
from forum.models import ReportedFigure
from members.models import Membership

Q = ReportedFigure.Qualifier
FIGURE_TEXTS = {
    Q.EXACT: gettext_lazy("%(cities)s member cities"),
    Q.ABOUT: gettext_lazy("about %(cities)s member cities"),
    Q.NEARLY: gettext_lazy("nearly %(cities)s member cities"),
    Q.OVER: gettext_lazy("over %(cities)s member cities"),
    Q.AT_LEAST: gettext_lazy("at least %(cities)s member cities"),
}


def figure_text(figure: ReportedFigure, language: str) -> str:
    """«نزدیک به ۱۲۰ شهر عضو از ۳۹ کشور», "nearly 120 member cities from 39 countries"."""
    text = str(FIGURE_TEXTS[figure.qualifier]) % {"cities": figure.member_cities}
    if figure.countries:
        text = _("%(cities)s from %(countries)s countries") % {
            "cities": text,
            "countries": figure.countries,
        }
    return digits_for(text, language)


def year_label(year: int, language: str) -> str:
    """A Gregorian year as the reader counts years: on Persian pages the Solar Hijri year
    that holds 1 July of it (2018 → ۱۳۹۷), which covers most of the Gregorian year."""
    if is_persian(language):
        return digits_for(to_jalali(datetime.date(year, 7, 1)).year, language)
    return str(year)


def _active_periods():
    return list(
        Membership.objects.public()
        .filter(status__in=Membership.Status.active())
        .values_list("city_id", "started_on", "end_kind", "ended_on", "ended_not_before")
    )


def registry_members_by_year(first: int, last: int, periods=None) -> dict[int, int]:
    """The member cities the registry holds for each year from `first` to `last`.

    A city counts in year Y when one of its public membership periods as member or
    associate began on or before 31 December of Y and was still running on 1 January
    of Y: open, ended on or after that day, or ended on an unknown date whose last known
    day (the "not before" bound, else the start) is on or after it — the days the
    registry knows the period covered (common.models.known_span). One query.
    """
    if periods is None:
        periods = _active_periods()
    cities: dict[int, set[int]] = {year: set() for year in range(first, last + 1)}
    for city, started, end_kind, ended, not_before in periods:
        last_day = None if end_kind == EndKind.OPEN else (ended or not_before or started)
        for year in range(max(first, started.year), last + 1):
            if last_day is not None and last_day < datetime.date(year, 1, 1):
                break
            cities[year].add(city)
    return {year: len(members) for year, members in cities.items()}


def _fractional_year(day: datetime.date) -> float:
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _middle(figure: ReportedFigure) -> datetime.date:
    """The middle of the period a figure's date stands for (a month, a year)."""
    reported = figure.reported
    return reported.start + (reported.end - reported.start) / 2


@dataclass
class Row:
    """One line of the table and of the CSV: a year, the registry's count, and one
    figure reported that year if any (a year with two figures has two lines)."""

    year: int
    year_label: str
    registry: int
    figure: ReportedFigure | None = None


@dataclass
class Chart:
    # Small units, large text: at 375 px the chart is drawn at about 0.85 of its size.
    width: int = 400
    height: int = 280
    left: int = 40
    right: int = 12
    top: int = 56
    bottom: int = 36
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    registry_points: list = field(default_factory=list)
    figure_points: list = field(default_factory=list)

    @property
    def polyline(self):
        return " ".join(f"{x},{y}" for x, y, _label in self.registry_points)

    @property
    def plot_bottom(self):
        return self.height - self.bottom

    @property
    def plot_right(self):
        return self.width - self.right


def _step(maximum: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if maximum / step <= 5:
            return step
    return 10 ** len(str(maximum))


def _chart(first, last, counts, figures, language) -> Chart:
    chart = Chart()
    highest = max([1, *counts.values(), *(figure.member_cities for figure in figures)])
    step = _step(highest)
    top_value = -(-highest // step) * step
    span = chart.plot_right - chart.left
    height = chart.plot_bottom - chart.top

    def x(year: float) -> float:
        return round(chart.left + (year - first) / (last + 1 - first) * span, 1)

    def y(value: int) -> float:
        return round(chart.plot_bottom - value / top_value * height, 1)

    chart.y_ticks = [
        (y(value), digits_for(value, language)) for value in range(0, top_value + 1, step)
    ]
    every = max(1, -(-(last + 1 - first) // 6))  # at most 6 labels: they fit at 375 px
    chart.x_ticks = [
        (x(year + 0.5), year_label(year, language)) for year in range(first, last + 1, every)
    ]
    # A year's count at the middle of the year, a figure at the middle of its date.
    chart.registry_points = [
        (x(year + 0.5), y(count), digits_for(count, language)) for year, count in counts.items()
    ]
    chart.figure_points = [
        (
            x(_fractional_year(_middle(figure))),
            y(figure.member_cities),
            digits_for(figure.member_cities, language),
        )
        for figure in figures
    ]
    return chart


@dataclass
class MembershipOverTime:
    rows: list[Row]
    figures: list[ReportedFigure]
    chart: Chart | None


def membership_over_time(language: str) -> MembershipOverTime:
    """Rows for the table and the CSV, and the chart, from the first year the registry
    or a report knows to this year. Three queries: figures, their sources, memberships."""
    figures = list(ReportedFigure.objects.with_sources().order_by("reported_on"))
    periods = _active_periods()
    years = [figure.reported_on.year for figure in figures]
    years += [started.year for _city, started, *_rest in periods]
    if not years:
        return MembershipOverTime(rows=[], figures=figures, chart=None)
    first, last = min(years), max(timezone.localdate().year, *years)
    counts = registry_members_by_year(first, last, periods)
    by_year: dict[int, list[ReportedFigure]] = {}
    for figure in figures:
        by_year.setdefault(figure.reported_on.year, []).append(figure)
    rows = []
    for year, count in counts.items():
        label = year_label(year, language)
        for figure in by_year.get(year) or [None]:
            rows.append(Row(year=year, year_label=label, registry=count, figure=figure))
    return MembershipOverTime(
        rows=rows, figures=figures, chart=_chart(first, last, counts, figures, language)
    )
