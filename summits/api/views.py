import django_filters
from django.db.models import Prefetch
from django_countries import countries

from common.api import PublicViewSet, SyncFilterSet, bounded_number, year_filter
from summits import selectors
from summits.api import serializers
from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    MeetingFormat,
    Panel,
    Participation,
    Summit,
)


class SummitFilter(SyncFilterSet):
    year = year_filter("start_date", "Year of the first day.")
    host_city = bounded_number("host_city_id", "Host city id.")
    host_country = django_filters.ChoiceFilter(
        field_name="host_city__country", choices=list(countries), label="ISO 3166-1 alpha-2"
    )
    meeting_format = django_filters.ChoiceFilter(field_name="format", choices=MeetingFormat.choices)

    class Meta:
        model = Summit
        fields = []


class SummitViewSet(PublicViewSet):
    """Summits: one gathering at a host city, with dates, venue and slogan."""

    resource = "summits"
    queryset = Summit.objects.none()
    serializer_class = serializers.SummitSerializer
    filterset_class = SummitFilter
    search_fields = ["title_fa", "title_en", "slogan_fa", "slogan_en", "slug"]
    ordering_fields = ["id", "start_date", "updated_at"]

    def get_queryset(self):
        return Summit.objects.public().select_related("host_city").prefetch_related("sources")


class GeneralAssemblyFilter(SyncFilterSet):
    number = bounded_number("number", "Ordinal of the assembly.", high=32767)
    year = year_filter("summit__start_date", "Year of the summit.")
    summit = bounded_number("summit_id", "Summit id.")

    class Meta:
        model = GeneralAssembly
        fields = []


class GeneralAssemblyViewSet(PublicViewSet):
    """The numbered general assemblies, each held at a summit."""

    resource = "general-assemblies"
    queryset = GeneralAssembly.objects.none()
    serializer_class = serializers.GeneralAssemblySerializer
    filterset_class = GeneralAssemblyFilter
    search_fields = ["theme_fa", "theme_en"]
    ordering_fields = ["id", "number", "updated_at"]

    def get_queryset(self):
        return GeneralAssembly.objects.public().select_related("summit").prefetch_related("sources")


class BoardSessionFilter(SyncFilterSet):
    number = bounded_number("number", "Ordinal of the session.", high=32767)
    year = year_filter("start_date", "Year of the first day.")
    city = bounded_number("city_id", "City id.")
    summit = bounded_number("summit_id", "Summit id.")
    meeting_format = django_filters.ChoiceFilter(field_name="format", choices=MeetingFormat.choices)

    class Meta:
        model = BoardSession
        fields = []


class BoardSessionViewSet(PublicViewSet):
    """Executive board sessions, numbered on their own, with or without a summit."""

    resource = "board-sessions"
    queryset = BoardSession.objects.none()
    serializer_class = serializers.BoardSessionSerializer
    filterset_class = BoardSessionFilter
    search_fields = ["venue_fa", "venue_en", "summary_fa", "summary_en"]
    ordering_fields = ["id", "number", "start_date", "updated_at"]

    def get_queryset(self):
        return (
            BoardSession.objects.public()
            .select_related("summit", "city")
            .prefetch_related("sources")
        )


class PanelFilter(SyncFilterSet):
    theme = django_filters.ChoiceFilter(choices=Panel.Theme.choices)
    summit = bounded_number("summit_id", "Summit id.")
    year = year_filter("summit__start_date", "Year of the summit.")

    class Meta:
        model = Panel
        fields = []


class PanelViewSet(PublicViewSet):
    """Thematic panels with their moderator and speakers."""

    resource = "panels"
    queryset = Panel.objects.none()
    serializer_class = serializers.PanelSerializer
    filterset_class = PanelFilter
    search_fields = ["title_fa", "title_en", "slug"]
    ordering_fields = ["id", "order", "updated_at"]

    def get_queryset(self):
        return (
            Panel.objects.public()
            .select_related("summit", "moderator")
            .prefetch_related(Prefetch("talks", queryset=selectors.public_talks()), "sources")
        )


class ParticipationFilter(SyncFilterSet):
    summit = bounded_number("summit_id", "Summit id.")
    board_session = bounded_number("board_session_id", "Board session id.")
    city = bounded_number("city_id", "City id.")
    organisation = bounded_number("organisation_id", "Organisation id.")
    role = django_filters.ChoiceFilter(choices=Participation.Role.choices)

    class Meta:
        model = Participation
        fields = []


class ParticipationViewSet(PublicViewSet):
    """Which city or organisation took part in which summit or board session, and how."""

    resource = "participations"
    queryset = Participation.objects.none()
    serializer_class = serializers.ParticipationSerializer
    filterset_class = ParticipationFilter
    search_fields = []
    ordering_fields = ["id", "updated_at"]

    def get_queryset(self):
        return (
            Participation.objects.public()
            .select_related("summit", "board_session", "city", "organisation", "head_of_delegation")
            .prefetch_related("sources")
        )


class DocumentFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Document.Kind.choices)
    language = django_filters.ChoiceFilter(choices=Document.Language.choices)
    summit = bounded_number("summit_id", "Summit id.")
    board_session = bounded_number("board_session_id", "Board session id.")
    panel = bounded_number("panel_id", "Panel id.")
    year = year_filter("issued_on", "Year of issue.")

    class Meta:
        model = Document
        fields = []


class DocumentViewSet(PublicViewSet):
    """Declarations, resolutions, minutes, presentations and press releases."""

    resource = "documents"
    queryset = Document.objects.none()
    serializer_class = serializers.DocumentSerializer
    filterset_class = DocumentFilter
    search_fields = ["title_fa", "title_en"]
    ordering_fields = ["id", "issued_on", "updated_at"]

    def get_queryset(self):
        return Document.objects.public().select_related("summit", "board_session", "panel")
