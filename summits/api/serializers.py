from common.api import BilingualSerializer
from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)

SOURCING = ("certainty", "sources", "source_note")
TIMES = ("created_at", "updated_at")


class SummitSerializer(BilingualSerializer):
    class Meta:
        model = Summit
        fields = (
            "id",
            "slug",
            "title",
            "host_city",
            "venue",
            "slogan",
            "description",
            "format",
            "attendance",
            *SOURCING,
            *TIMES,
        )
        # With `date_is_window`, the session met on one day between `starts` and `ends`.
        partial_dates = {
            "starts": ("start_date", "date_precision"),
            "ends": ("end_date", "date_precision"),
        }


class GeneralAssemblySerializer(BilingualSerializer):
    class Meta:
        model = GeneralAssembly
        fields = ("id", "number", "summit", "theme", *SOURCING, *TIMES)


class BoardSessionSerializer(BilingualSerializer):
    class Meta:
        model = BoardSession
        fields = (
            "id",
            "number",
            "summit",
            "city",
            "venue",
            "format",
            "place_unknown",
            "no_public_record",
            "date_is_window",
            "summary",
            *SOURCING,
            *TIMES,
        )
        partial_dates = {
            "starts": ("start_date", "date_precision"),
            "ends": ("end_date", "date_precision"),
        }


class TalkSerializer(BilingualSerializer):
    class Meta:
        model = Talk
        fields = ("id", "speaker", "city", "title", "order")


class PanelSerializer(BilingualSerializer):
    talks = TalkSerializer(many=True, read_only=True, help_text="The speakers, in order.")

    class Meta:
        model = Panel
        fields = (
            "id",
            "slug",
            "summit",
            "title",
            "description",
            "theme",
            "moderator",
            "order",
            "talks",
            *SOURCING,
            *TIMES,
        )


class ParticipationSerializer(BilingualSerializer):
    class Meta:
        model = Participation
        fields = (
            "id",
            "summit",
            "board_session",
            "city",
            "organisation",
            "role",
            "head_of_delegation",
            "delegates",
            "online",
            *SOURCING,
            *TIMES,
        )


class DocumentSerializer(BilingualSerializer):
    class Meta:
        model = Document
        fields = (
            "id",
            "kind",
            "title",
            "file",
            "url",
            "language",
            "summit",
            "board_session",
            "panel",
            *TIMES,
        )
        partial_dates = {"issued": ("issued_on", None)}
