import django_filters
from django.db.models import Count, Max, Prefetch, Q
from django_countries import countries
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from common.api import (
    ApiViewMixin,
    PublicViewSet,
    SyncFilterSet,
    UpdatedSinceFilter,
    bounded_number,
    latest_change,
)
from members.api import serializers
from members.forms import RegistryDayField
from members.models import BoardSeat, City, Membership, Organisation, Person, Position, Region

COUNTRY_CHOICES = list(countries)


class MemberOnFilter(django_filters.DateFilter):
    field_class = RegistryDayField


class CityFilter(SyncFilterSet):
    country = django_filters.ChoiceFilter(choices=COUNTRY_CHOICES, label="ISO 3166-1 alpha-2")
    region = django_filters.ChoiceFilter(choices=Region.choices)
    status = django_filters.ChoiceFilter(
        field_name="membership_status",
        choices=Membership.Status.choices,
        label="Status of the current (or latest) membership period.",
    )
    member_since_after = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="gte", label="Joined on or after (YYYY-MM-DD)."
    )
    member_since_before = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="lte", label="Joined on or before (YYYY-MM-DD)."
    )
    member_on = MemberOnFilter(
        method="filter_member_on",
        label=(
            "Only cities that were members (or associate members) on this day (YYYY-MM-DD), "
            "as far as the records say: the same list as the directory's ?on=."
        ),
    )

    class Meta:
        model = City
        fields = []

    def filter_member_on(self, queryset, name, value):
        return queryset.filter(pk__in=City.objects.members_on(value).values("pk"))


class CityViewSet(PublicViewSet):
    """Member and participant cities, with their membership history."""

    resource = "cities"
    queryset = City.objects.none()
    serializer_class = serializers.CitySerializer
    filterset_class = CityFilter
    search_fields = ["name_fa", "name_en", "slug"]
    ordering_fields = ["id", "slug", "name_fa", "name_en", "population", "updated_at"]

    def get_queryset(self):
        return (
            City.objects.public()
            .with_membership_status()
            .with_first_membership()
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.public()
                    .order_by("started_on")
                    .prefetch_related("sources"),
                ),
                "sources",
            )
        )


class CountryFilter(django_filters.FilterSet):
    updated_since = UpdatedSinceFilter(
        field_name="last_updated",
        lookup_expr="gte",
        label="Only countries where a public city changed at or after this ISO 8601 time.",
    )

    class Meta:
        model = City
        fields = []


class CountryViewSet(ApiViewMixin, viewsets.GenericViewSet, viewsets.mixins.ListModelMixin):
    """Countries with public cities, and how many of those are members now."""

    resource = "countries"
    queryset = City.objects.none()
    serializer_class = serializers.CountrySerializer
    filterset_class = CountryFilter
    # One row per country, always in code order: no free ordering or search.
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        current_member = Q(
            memberships__ended_on__isnull=True,
            memberships__status__in=Membership.Status.active(),
        )
        return (
            City.objects.public()
            .order_by()
            .values("country")
            .annotate(
                cities=Count("id", distinct=True),
                members=Count("id", filter=current_member, distinct=True),
                last_updated=Max("updated_at"),
            )
            .order_by("country")
        )

    def get_last_modified(self):
        return latest_change(City, "cities")


class OrganisationFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    country = django_filters.ChoiceFilter(choices=COUNTRY_CHOICES, label="Seat, ISO 3166-1 alpha-2")

    class Meta:
        model = Organisation
        fields = []


class OrganisationViewSet(PublicViewSet):
    """International partners and observers."""

    resource = "organisations"
    queryset = Organisation.objects.none()
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter
    search_fields = ["name_fa", "name_en", "acronym_fa", "acronym_en", "slug"]
    ordering_fields = ["id", "slug", "name_fa", "name_en", "updated_at"]

    def get_queryset(self):
        return Organisation.objects.public().prefetch_related("sources")


class PersonFilter(SyncFilterSet):
    class Meta:
        model = Person
        fields = []


class PersonViewSet(PublicViewSet):
    """Mayors, delegates, speakers and officers: public fields only, never contact details."""

    resource = "people"
    queryset = Person.objects.none()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter
    search_fields = ["name_fa", "name_en", "slug"]
    ordering_fields = ["id", "slug", "name_fa", "name_en", "updated_at"]

    def get_queryset(self):
        return Person.objects.public().prefetch_related("sources")


class PositionFilter(SyncFilterSet):
    office = django_filters.ChoiceFilter(choices=Position.Office.choices)
    person = bounded_number("person_id", "Person id.")
    city = bounded_number("city_id", "City id.")
    organisation = bounded_number("organisation_id", "Organisation id.")

    class Meta:
        model = Position
        fields = []


class PositionViewSet(PublicViewSet):
    """Offices people held: mayor of a city, president of the forum, …"""

    resource = "positions"
    queryset = Position.objects.none()
    serializer_class = serializers.PositionSerializer
    filterset_class = PositionFilter
    search_fields = ["title_fa", "title_en"]
    ordering_fields = ["id", "started_on", "updated_at"]

    def get_queryset(self):
        return (
            Position.objects.public()
            .select_related("city", "organisation", "person")
            .prefetch_related("sources")
        )


class BoardSeatFilter(SyncFilterSet):
    role = django_filters.ChoiceFilter(choices=BoardSeat.Role.choices)
    city = bounded_number("city_id", "City id.")
    term_start_year = bounded_number("term__start_year", "First year of the term.", high=9999)

    class Meta:
        model = BoardSeat
        fields = []


class BoardSeatViewSet(PublicViewSet):
    """Seats of the executive board, term by term."""

    resource = "board-seats"
    queryset = BoardSeat.objects.none()
    serializer_class = serializers.BoardSeatSerializer
    filterset_class = BoardSeatFilter
    search_fields = []
    ordering_fields = ["id", "updated_at"]

    def get_queryset(self):
        return BoardSeat.objects.public().select_related("term", "city").prefetch_related("sources")
