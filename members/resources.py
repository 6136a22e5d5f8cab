"""Bulk import and export of the member registry as CSV (cities, people, board seats).

Rows are checked by the model's own validation (fields and named constraints)
before anything is written, and an import runs as one transaction: a file with
one bad row writes nothing, and the preview names the row and the reason.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from members.models import BoardSeat, BoardTerm, City, Person


class RegistryResource(resources.ModelResource):
    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


class CityResource(RegistryResource):
    class Meta(RegistryResource.Meta):
        model = City
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name_fa",
            "name_en",
            "country",
            "subdivision",
            "region",
            "population",
            "website",
            "latitude",
            "longitude",
            "description_fa",
            "description_en",
            "is_published",
        )


class PersonResource(RegistryResource):
    class Meta(RegistryResource.Meta):
        model = Person
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name_fa",
            "name_en",
            "biography_fa",
            "biography_en",
            "email",
            "phone",
            "is_published",
        )


class BoardSeatResource(RegistryResource):
    term = fields.Field(
        attribute="term",
        column_name="term",
        widget=ForeignKeyWidget(BoardTerm, field="start_year"),
    )
    city = fields.Field(
        attribute="city", column_name="city", widget=ForeignKeyWidget(City, field="slug")
    )

    class Meta(RegistryResource.Meta):
        model = BoardSeat
        import_id_fields = ("term", "city")
        fields = ("term", "city", "role")
