"""Bulk import and export of the member registry as CSV (cities, people, board seats).

Rows are checked by the model's own validation (fields and named constraints)
before anything is written, and an import runs as one transaction: a file with
one bad row writes nothing, and the preview names the row and the reason.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from common.forms import latin_digits
from common.imports import ReadableCellsMixin, read_template_conventions
from members.models import BoardSeat, BoardTerm, City, Membership, Person


class KeyWidget(ForeignKeyWidget):
    """A related record named by a key column; an unknown key is a row error that says so."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = latin_digits(value).strip()  # a board term's year, a session's number
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(record)s with %(key)s “%(value)s”.")
                % {
                    "record": self.model._meta.verbose_name,
                    "key": self.model._meta.get_field(self.field).verbose_name,
                    "value": value,
                }
            ) from None


class RegistryResource(ReadableCellsMixin, resources.ModelResource):
    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        read_template_conventions(dataset)  # a filled-in template file
        super().before_import(dataset, **kwargs)

    def import_data_inner(self, dataset, *args, **kwargs):
        result = super().import_data_inner(dataset, *args, **kwargs)
        # The file's column of each field, for errors that name the column.
        result.columns = {f.attribute: f.column_name for f in self.get_import_fields()}
        return result

    def get_instance(self, instance_loader, row):
        # An unknown key in an id column is reported with the row's other field
        # errors (as a validation error naming the value), not as a crash.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None


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
        widget=KeyWidget(BoardTerm, field="start_year"),
    )
    city = fields.Field(attribute="city", column_name="city", widget=KeyWidget(City, field="slug"))

    class Meta(RegistryResource.Meta):
        model = BoardSeat
        import_id_fields = ("term", "city")
        fields = ("term", "city", "role")


class MembershipResource(RegistryResource):
    """A city's membership periods: the registry's core timeline, in bulk."""

    city = fields.Field(attribute="city", column_name="city", widget=KeyWidget(City, field="slug"))

    class Meta(RegistryResource.Meta):
        model = Membership
        import_id_fields = ("city", "started_on")
        fields = (
            "city",
            "status",
            "started_on",
            "started_precision",
            "ended_on",
            "ended_precision",
        )
