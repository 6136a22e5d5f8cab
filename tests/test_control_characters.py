"""Direction overrides, isolates, zero-width spaces and control characters cannot enter any
translated text of the registry, by validation (admin, import, full_clean) or by any other
path (a CHECK constraint per model); the zero-width non-joiner of Persian can."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forum.models import ReportedFigure
from members.models import City, Person
from tests import factories
from tests.forum.test_hostile_text import translated_columns

pytestmark = pytest.mark.django_db

REFUSED = {
    "\u202a": "U+202A",  # left-to-right embedding
    "\u202b": "U+202B",  # right-to-left embedding
    "\u202c": "U+202C",  # pop directional formatting
    "\u202d": "U+202D",  # left-to-right override
    "\u202e": "U+202E",  # right-to-left override
    "\u2066": "U+2066",  # left-to-right isolate
    "\u2067": "U+2067",  # right-to-left isolate
    "\u2068": "U+2068",  # first strong isolate
    "\u2069": "U+2069",  # pop directional isolate
    "\u200b": "U+200B",  # zero-width space
    "\u2060": "U+2060",  # word joiner
    "\ufeff": "U+FEFF",  # byte order mark
    "\x07": "U+0007",  # bell
    "\x1b": "U+001B",  # escape
    "\x00": "U+0000",  # null
}
ALLOWED = {
    "\u200c": "zero-width non-joiner (Persian)",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\n": "line feed",
}


@pytest.mark.parametrize("character", list(REFUSED), ids=list(REFUSED.values()))
def test_validation_refuses_the_character_naming_it_and_the_field(character):
    city = factories.CityFactory.build(name_en=f"Evil{character}gnp.exe")
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert list(error.value.message_dict) == ["name_en"]
    assert REFUSED[character] in error.value.message_dict["name_en"][0]


def test_validation_covers_plain_text_fields_too():
    person = factories.PersonFactory.build(phone="+98\u202e21")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phone" in error.value.message_dict


@pytest.mark.parametrize("character", list(ALLOWED), ids=list(ALLOWED.values()))
def test_persian_joiners_and_direction_marks_are_allowed(character):
    city = factories.CityFactory(name_fa=f"غازی{character}عینتاب", description_en=f"a{character}b")
    city.full_clean()
    assert City.objects.get(pk=city.pk).name_fa == f"غازی{character}عینتاب"


def test_no_translated_column_of_any_model_can_store_a_direction_override():
    """Every language of every translated field in modeltranslation's registry: a new
    translated field without the constraint fails here."""
    factories.CityFactory()
    factories.OrganisationFactory()
    factories.PositionFactory()
    factories.BoardTermFactory()
    factories.BoardSessionFactory()
    factories.TalkFactory()
    factories.DocumentFactory()
    factories.GeneralAssemblyFactory()
    factories.MembershipFactory()
    factories.BoardSeatFactory()
    factories.ParticipationFactory()
    ReportedFigure.objects.create(reported_on=datetime.date(2025, 8, 1), member_cities=120)
    columns = list(translated_columns())
    assert len(columns) >= 40
    for model, column, _max_length in columns:
        assert model.objects.exists(), model
        with pytest.raises(IntegrityError, match="text_without_control_characters"):
            with transaction.atomic():
                model.objects.update(**{column: "x\u202ey"})


def test_a_right_to_left_override_cannot_be_saved_by_the_shell_either():
    person = factories.PersonFactory()
    Person.objects.filter(pk=person.pk).update(name_fa="ok")
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            person.name_en = "\u2067Admin\u2069"
            person.save()
