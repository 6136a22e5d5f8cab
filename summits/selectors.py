"""Reads of summits, panels and board sessions that pages share: each already
joined, prefetched and ordered, so a page costs the same queries for any number
of rows. Each starts from `Model.objects.public()` (common.models: what the public may
see), so drafts and what hangs on them never leave these functions."""

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone

from members.models import BoardSeat, BoardTerm
from summits.models import (
    BoardSession,
    Document,
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
