"""Reads of summits, panels and board sessions that pages share: each already
joined, prefetched and ordered, so a page costs the same queries for any number
of rows. Drafts (unpublished records) never leave these functions."""

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

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


def published_talks():
    return Talk.objects.filter(speaker__is_published=True).select_related("speaker", "city")


def summits_for_listing():
    """Every published summit, newest first, with host, assembly, session and panels."""
    return (
        Summit.objects.published()
        .for_listing()
        .prefetch_related(Prefetch("panels", queryset=Panel.objects.order_by("order", "slug")))
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
    """Published summits with all their page shows: panels with moderator and speakers,
    participants, documents."""
    return (
        Summit.objects.published()
        .select_related("host_city", "general_assembly", "board_session")
        .prefetch_related(
            Prefetch(
                "panels",
                queryset=Panel.objects.select_related("moderator")
                .prefetch_related(
                    Prefetch("talks", queryset=published_talks()),
                    Prefetch("documents", queryset=Document.objects.published()),
                )
                .order_by("order", "slug"),
            ),
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(
                    Q(city__is_published=True) | Q(organisation__is_published=True)
                )
                .select_related("city", "organisation", "head_of_delegation")
                .order_by(ROLE_ORDER, "city__slug", "organisation__slug"),
            ),
            Prefetch("documents", queryset=Document.objects.published()),
        )
    )


def city_summit_participations(city):
    """The published summits a city took part in (as host, delegation, speaker, observer)."""
    return (
        Participation.objects.filter(city=city, summit__is_published=True)
        .select_related("summit", "summit__host_city", "summit__general_assembly")
        .order_by("-summit__start_date")
    )


def city_talks(city):
    """The panels at which someone spoke for the city."""
    return (
        Talk.objects.filter(city=city, panel__summit__is_published=True, speaker__is_published=True)
        .select_related("panel", "panel__summit", "speaker")
        .order_by("-panel__summit__start_date", "panel__order")
    )


def city_board_sessions(city):
    """The published board sessions the city took part in."""
    return (
        Participation.objects.filter(city=city, board_session__is_published=True)
        .select_related("board_session")
        .order_by("-board_session__number")
    )


def city_board_seats():
    """Board seats with their terms, latest term first (for a city's page)."""
    return BoardSeat.objects.select_related("term").order_by("-term__start_year")


def board_terms():
    """Board terms, latest first, each with its seats (president first)."""
    return BoardTerm.objects.prefetch_related(
        Prefetch(
            "seats",
            queryset=BoardSeat.objects.filter(city__is_published=True)
            .select_related("city")
            .order_by(SEAT_ORDER, "city__slug"),
        )
    ).order_by("-start_year")


def board_sessions():
    """Published board sessions, latest first, with their city and summit."""
    return BoardSession.objects.published().select_related("city", "summit").order_by("-number")


# The partner API's visibility rules (the deletion triggers of migration common.0002
# follow the same rules): summits, board sessions and documents by their own publish
# state; an assembly or a panel with its summit; a participation with its meeting and
# its party; a document also needs every meeting it is attached to to be public; a talk
# needs its speaker to be public.


def public_summits():
    return Summit.objects.published()


def public_general_assemblies():
    return GeneralAssembly.objects.filter(summit__is_published=True)


def public_board_sessions():
    return BoardSession.objects.published()


def public_panels():
    return Panel.objects.filter(summit__is_published=True)


def public_talks():
    return Talk.objects.filter(speaker__is_published=True)


def public_participations():
    return Participation.objects.filter(
        Q(summit__is_published=True) | Q(board_session__is_published=True),
        Q(city__is_published=True) | Q(organisation__is_published=True),
    )


def public_documents():
    return Document.objects.published().filter(
        Q(summit__isnull=True) | Q(summit__is_published=True),
        Q(board_session__isnull=True) | Q(board_session__is_published=True),
        Q(panel__isnull=True) | Q(panel__summit__is_published=True),
    )
