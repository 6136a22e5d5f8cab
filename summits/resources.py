"""Bulk import and export of participation in summits and board sessions, as CSV.

Cities, organisations and people are named by slug, summits by slug, board
sessions by number. One bad row and nothing is written (see members.resources).
"""

from import_export import fields

from members.models import City, Organisation, Person
from members.resources import KeyWidget, RegistryResource
from summits.models import BoardSession, Participation, Summit


class ParticipationResource(RegistryResource):
    summit = fields.Field(
        attribute="summit", column_name="summit", widget=KeyWidget(Summit, field="slug")
    )
    board_session = fields.Field(
        attribute="board_session",
        column_name="board_session",
        widget=KeyWidget(BoardSession, field="number"),
    )
    city = fields.Field(attribute="city", column_name="city", widget=KeyWidget(City, field="slug"))
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=KeyWidget(Organisation, field="slug"),
    )
    head_of_delegation = fields.Field(
        attribute="head_of_delegation",
        column_name="head_of_delegation",
        widget=KeyWidget(Person, field="slug"),
    )

    class Meta(RegistryResource.Meta):
        model = Participation
        import_id_fields = ("summit", "board_session", "city", "organisation")
        fields = (
            "summit",
            "board_session",
            "city",
            "organisation",
            "role",
            "head_of_delegation",
            "delegates",
            "online",
        )
