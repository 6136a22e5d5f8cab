from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import Membership, Region


class DirectoryFilterForm(forms.Form):
    """The member directory's filters; a bad value is a form error, never a 500."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Membership.Status.choices],
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        named = sorted(((code, countries.name(code)) for code in country_codes), key=lambda c: c[1])
        self.fields["country"].choices = [("", _("All countries")), *named]

    def filter(self, cities):
        """Apply every filter that is valid; an invalid one is shown as an error and skipped."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("country"):
            cities = cities.filter(country=data["country"])
        if data.get("region"):
            cities = cities.filter(region=data["region"])
        if data.get("status"):
            cities = cities.filter(membership_status=data["status"])
        if data.get("q"):
            cities = cities.search(data["q"])
        return cities
