import datetime

from rest_framework import serializers

from common.api import (
    BilingualSerializer,
    CountryNameField,
    I18nCountryNameField,
    PartialDateField,
)
from members.models import BoardSeat, BoardTerm, City, Membership, Organisation, Person, Position

SOURCING = ("certainty", "sources", "source_note")
TIMES = ("created_at", "updated_at")


# A period as far as it is known (common.models.PeriodModel): `start_kind` says whether
# `started` is the start or only the earliest mention; `end_kind` whether the period is
# still running (`ended` null), ended on `ended`, or ended on an unknown date, not before
# `ended_not_before` when that is given.
PERIOD = ("start_kind", "end_kind")
PERIOD_DATES = {
    "started": ("started_on", "started_precision"),
    "ended": ("ended_on", "ended_precision"),
    "ended_not_before": ("ended_not_before", "ended_not_before_precision"),
}


class MembershipSerializer(BilingualSerializer):
    class Meta:
        model = Membership
        fields = ("status", *PERIOD, *SOURCING)
        partial_dates = PERIOD_DATES


class CitySerializer(BilingualSerializer):
    membership_status = serializers.ChoiceField(
        choices=Membership.Status.choices,
        read_only=True,
        allow_null=True,
        help_text="Status of the current (or latest) membership period.",
    )
    member_since = PartialDateField(
        "joined_on",
        "joined_precision",
        when=("joined_start_kind", "known"),
        help_text="Start of the first period, when it is known (null when only its earliest "
        "mention is: see member_by).",
    )
    member_by = PartialDateField(
        "joined_on",
        "joined_precision",
        when=("joined_start_kind", "attested"),
        help_text="The earliest mention of the city as a member, when its joining date is "
        "not known: a member by then, perhaps long before.",
    )
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = City
        fields = (
            "id",
            "slug",
            "name",
            "description",
            "country",
            "subdivision",
            "region",
            "population",
            "website",
            "latitude",
            "longitude",
            "logo",
            "membership_status",
            "member_since",
            "member_by",
            "memberships",
            *SOURCING,
            *TIMES,
        )


class CountrySerializer(serializers.Serializer):
    """A country with public cities; built from the cities, not a table of its own."""

    code = serializers.CharField(source="country", help_text="ISO 3166-1 alpha-2")
    name = CountryNameField("country")
    name_i18n = I18nCountryNameField("country", both=True)
    cities = serializers.IntegerField(help_text="Published cities in the country.")
    members = serializers.IntegerField(help_text="Of those, current members or associates.")
    updated_at = serializers.DateTimeField(
        source="last_updated",
        default_timezone=datetime.UTC,
        help_text="Latest change of its cities.",
    )


class OrganisationSerializer(BilingualSerializer):
    class Meta:
        model = Organisation
        fields = (
            "id",
            "slug",
            "name",
            "acronym",
            "description",
            "kind",
            "country",
            "website",
            *SOURCING,
            *TIMES,
        )


class PersonSerializer(BilingualSerializer):
    # Listed field by field: email, phone and the private note never leave the admin.
    class Meta:
        model = Person
        fields = ("id", "slug", "name", "biography", "photo", *SOURCING, *TIMES)


class PositionSerializer(BilingualSerializer):
    class Meta:
        model = Position
        fields = (
            "id",
            "person",
            "office",
            "title",
            "city",
            "organisation",
            *PERIOD,
            *SOURCING,
            *TIMES,
        )
        partial_dates = PERIOD_DATES


class BoardTermSerializer(BilingualSerializer):
    class Meta:
        model = BoardTerm
        fields = ("id", "name", "start_year", "end_year")


class BoardSeatSerializer(BilingualSerializer):
    term = BoardTermSerializer(read_only=True)

    class Meta:
        model = BoardSeat
        fields = ("id", "term", "city", "role", *SOURCING, *TIMES)
