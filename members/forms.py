import datetime

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from common.dates import DatePrecision, is_persian
from common.forms import PartialDateField
from members.models import Membership, Region

# The days a question "who was a member on …" can be asked about: the registry's records
# begin with the forum (2008); far-off years would only reach the calendars' limits.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def registry_day(day):
    return FIRST_DAY <= day <= LAST_DAY


class RegistryDayField(forms.DateField):
    """An ISO day (the API's `member_on`) within the days the registry answers for."""

    default_error_messages = {
        "out_of_range": _("Give a day between 2000-01-01 and 2100-12-31."),
    }

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not registry_day(day):
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return day


class DayField(PartialDateField):
    """One day, typed as readers write it: on Persian pages ۱۳۹۷/۰۹/۰۸, 1397/09/08 (a year
    below 1700 is Solar Hijri) or 2018-11-29; on English pages 2018-11-29 or
    jalali:1397-09-08. Cleans to a datetime.date."""

    widget = forms.TextInput
    default_error_messages = {
        "looks_jalali": _("%(value)s looks like a Solar Hijri date: type it as jalali:%(value)s."),
        "not_a_day": _("Give a whole date, with its day: %(example)s."),
        "out_of_range": _("Give a day between 2000 and 2100."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"dir": "ltr", "size": 12}))
        super().__init__(**kwargs)

    def to_python(self, value):
        date = super().to_python(value)
        if date is None:
            return None
        if date.precision != DatePrecision.DAY:
            raise forms.ValidationError(
                self.error_messages["not_a_day"], code="not_a_day", params=self.example()
            )
        if not registry_day(date.start):
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return date.start

    @staticmethod
    def example():
        return {"example": "۱۳۹۷/۰۹/۰۸" if is_persian(get_language()) else "2018-11-29"}

    def has_changed(self, initial, data):
        return forms.Field.has_changed(self, initial, data)


class DirectoryFilterForm(forms.Form):
    """The member directory's filters; a bad value is a form error, never a 500."""

    SHOW_ALL = "all"

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
    on = DayField(label=_("Members on"), required=False)
    # Members only by default; every city on record is one choice away.
    show = forms.ChoiceField(
        required=False, choices=[("", ""), (SHOW_ALL, SHOW_ALL)], widget=forms.HiddenInput
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        named = sorted(((code, countries.name(code)) for code in country_codes), key=lambda c: c[1])
        self.fields["country"].choices = [("", _("All countries")), *named]
        self.fields["on"].help_text = (
            _("Solar Hijri, such as ۱۳۹۷/۰۹/۰۸, or 2018-11-29")
            if is_persian(get_language())
            else _("Such as 2018-11-29, or jalali:1397-09-08")
        )

    @property
    def day(self):
        """The day asked for with ?on=, if it is a valid date."""
        self.is_valid()
        return self.cleaned_data.get("on") if "on" not in self.errors else None

    @property
    def shows_all(self):
        """Every city on record: asked for, or implied by a status no member has (observer,
        suspended, withdrawn)."""
        self.is_valid()
        status = self.cleaned_data.get("status")
        inactive = status and status not in Membership.Status.active()
        return self.cleaned_data.get("show") == self.SHOW_ALL or bool(inactive)

    def cities(self, queryset):
        """The directory's cities: members now by default, every city on record with
        ?show=all, the members on a day with ?on=; then every other valid filter (an
        invalid one is shown as an error and skipped)."""
        self.is_valid()
        cities = queryset.directory(members_only=not self.shows_all, on=self.day)
        return self.filter(cities)

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
