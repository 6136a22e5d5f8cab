"""Reads of summits, panels and board sessions that pages share: each already
joined, prefetched and ordered, so a page costs the same queries for any number
of rows. Each starts from `Model.objects.public()` (common.models: what the public may
see), so drafts and what hangs on them never leave these functions."""

import functools

from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.dates import ordinal
from members.models import BoardSeat, BoardTerm
from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)

ROLE_ORDER = Case(
    When(role=Participation.Role.HOST, then=Value(0)),
    When(role=Participation.Role.SPEAKER, then=Value(1)),
    When(role=Participation.Role.DELEGATION, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)

SEAT_ORDER = Case(
    When(role=BoardSeat.Role.PRESIDENT, then=Value(0)),
    When(role=BoardSeat.Role.VICE_PRESIDENT, then=Value(1)),
    When(role=BoardSeat.Role.PERMANENT, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def public_talks():
    """Public talks with their speaker and city, in order (for a panel's speakers)."""
    return Talk.objects.public().select_related("speaker", "city").order_by("order", "id")


def summits_for_listing():
    """Every public summit, newest first, with host, assembly, session and panels."""
    return (
        Summit.objects.public()
        .for_listing()
        .prefetch_related(
            Prefetch("panels", queryset=Panel.objects.public().order_by("order", "slug"))
        )
    )


HOME_SUMMITS = 8


def summits_for_home(today=None, limit=HOME_SUMMITS):
    """The latest summits for the home page, and the one to feature: the next to come,
    or else the latest held. A fixed number of rows, however many summits there are."""
    today = today or timezone.localdate()
    latest = list(summits_for_listing()[:limit])
    upcoming = summits_for_listing().filter(start_date__gte=today).order_by("start_date")
    featured = upcoming.first() or (latest[0] if latest else None)
    return latest, featured


def featured_summit(summits, today=None):
    """The next summit to come, or else the latest one held (from a newest-first list)."""
    today = today or timezone.localdate()
    upcoming = [summit for summit in summits if summit.start_date >= today]
    if upcoming:
        return upcoming[-1]
    return summits[0] if summits else None


def summits_for_page():
    """Public summits with all their page shows: panels with moderator and speakers,
    participants, documents."""
    return (
        Summit.objects.public()
        .select_related("host_city", "general_assembly", "board_session")
        .prefetch_related(
            Prefetch(
                "panels",
                queryset=Panel.objects.public()
                .select_related("moderator")
                .prefetch_related(
                    Prefetch("talks", queryset=public_talks()),
                    Prefetch("documents", queryset=Document.objects.public()),
                    "sources",
                )
                .order_by("order", "slug"),
            ),
            Prefetch(
                "participations",
                queryset=Participation.objects.public()
                .select_related("city", "organisation", "head_of_delegation")
                .prefetch_related("sources")
                .order_by(ROLE_ORDER, "city__slug", "organisation__slug"),
            ),
            Prefetch("documents", queryset=Document.objects.public()),
            "sources",
        )
    )


def city_summit_participations(city):
    """The public summits a city took part in (as host, delegation, speaker, observer)."""
    return (
        Participation.objects.public()
        .filter(city=city, summit__isnull=False)
        .select_related("summit", "summit__host_city", "summit__general_assembly")
        .order_by("-summit__start_date")
    )


def city_talks(city):
    """The public talks given for the city, with their panel and summit."""
    return (
        Talk.objects.public()
        .filter(city=city)
        .select_related("panel", "panel__summit", "speaker")
        .order_by("-panel__summit__start_date", "panel__order")
    )


def city_board_sessions(city):
    """The public board sessions the city took part in."""
    return (
        Participation.objects.public()
        .filter(city=city, board_session__isnull=False)
        .select_related("board_session")
        .order_by("-board_session__number")
    )


def city_board_seats():
    """Public board seats with their terms, latest term first (for a city's page)."""
    return (
        BoardSeat.objects.public()
        .select_related("term")
        .prefetch_related("sources")
        .order_by("-term__start_year")
    )


def board_terms():
    """Board terms, latest first, each with its public seats (president first)."""
    return (
        BoardTerm.objects.public()
        .prefetch_related(
            Prefetch(
                "seats",
                queryset=BoardSeat.objects.public()
                .select_related("city")
                .order_by(SEAT_ORDER, "city__slug"),
            )
        )
        .order_by("-start_year")
    )


def board_sessions():
    """Public board sessions, latest first, with their city, summit and sources."""
    return (
        BoardSession.objects.public()
        .select_related("city", "summit")
        .prefetch_related("sources")
        .order_by("-number")
    )


# -- what links a city to the forum ------------------------------------------------------


def _assembly(summit):
    """The summit's general assembly when it has one, else None (a reverse one-to-one)."""
    try:
        return summit.general_assembly
    except GeneralAssembly.DoesNotExist:
        return None


def _meeting_links(city_ids, language):
    """(city id, rank, text) for what each city hosted or took part in: the earliest of
    each kind, four queries whatever the number of cities."""
    number = functools.partial(ordinal, language=language)
    hosted = (
        Summit.objects.public()
        .filter(host_city__in=city_ids)
        .select_related("general_assembly")
        # An assembly first, then the earliest summit.
        .order_by("host_city_id", F("general_assembly__id").asc(nulls_last=True), "start_date")
        .distinct("host_city_id")
    )
    for summit in hosted:
        assembly = _assembly(summit)
        if assembly is not None:
            yield (
                summit.host_city_id,
                0,
                _("hosted the %(ordinal)s General Assembly") % {"ordinal": number(assembly.number)},
            )
        else:
            yield summit.host_city_id, 1, _("hosted %(summit)s") % {"summit": summit.title}
    sessions = (
        BoardSession.objects.public()
        .filter(city__in=city_ids)
        .order_by("city_id", "number")
        .distinct("city_id")
    )
    for session in sessions:
        yield (
            session.city_id,
            2,
            _("hosted the %(ordinal)s Executive Board session")
            % {"ordinal": number(session.number)},
        )
    seats = (
        BoardSeat.objects.public()
        .filter(city__in=city_ids)
        .select_related("term")
        .order_by("city_id", "term__start_year")
        .distinct("city_id")
    )
    for seat in seats:
        yield (
            seat.city_id,
            3,
            _("held a seat on the Executive Board (%(term)s)") % {"term": seat.term.name},
        )
    participations = (
        Participation.objects.public()
        .filter(city__in=city_ids)
        .select_related("summit__general_assembly", "board_session")
        .order_by("city_id", Coalesce("summit__start_date", "board_session__start_date"), "id")
        .distinct("city_id")
    )
    for participation in participations:
        summit, session = participation.summit, participation.board_session
        if summit is not None and _assembly(summit) is not None:
            text = _("took part in the %(ordinal)s General Assembly") % {
                "ordinal": number(summit.general_assembly.number)
            }
        elif summit is not None:
            text = _("took part in %(summit)s") % {"summit": summit.title}
        else:
            text = _("took part in the %(ordinal)s Executive Board session") % {
                "ordinal": number(session.number)
            }
        yield participation.city_id, 4, text


def city_links(city_ids):
    """What links each city to the forum, in one line for the directory: the most notable
    link (hosting an assembly, a summit, a board session; a board seat; taking part), the
    earliest of its kind. Cities with none are left out."""
    language = get_language()
    best = {}
    for city_id, rank, text in _meeting_links(list(city_ids), language):
        if city_id not in best or rank < best[city_id][0]:
            best[city_id] = (rank, text)
    return {city_id: text for city_id, (_rank, text) in best.items()}
