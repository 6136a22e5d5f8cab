"""An inline row that was partly filled in is a form error on that row, never
dropped on save without a word."""

import pytest

from summits.models import Participation
from tests.admin.forms import admin_url, inline_prefix, page_form_data
from tests.factories import BoardSessionFactory, CityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def with_new_row(form, prefix, values):
    index = int(form[f"{prefix}-TOTAL_FORMS"])
    form[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        form[f"{prefix}-{index}-{name}"] = value
    return index


@pytest.mark.parametrize(
    "typed",
    [
        {"role": "delegation", "delegates": "3"},
        {"role": "observer"},
        {"role": "delegation", "online": "on"},
    ],
    ids=["delegates", "role", "online"],
)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_participant_row_without_a_city_is_an_error_not_dropped(admin_client, typed, language):
    session = BoardSessionFactory()
    ParticipationFactory(summit=None, board_session=session, city=CityFactory())
    url = admin_url("summits_boardsession_change", session.pk, language=language)
    page = admin_client.get(url)
    prefix = inline_prefix(page, Participation)
    form = page_form_data(page, language)
    index = with_new_row(form, prefix, typed)

    response = admin_client.post(url, form)
    assert response.status_code == 200
    [formset] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    row = formset.forms[index]
    assert row.errors, "the partly filled row carries an error"
    assert Participation.objects.filter(board_session=session).count() == 1


def test_a_row_added_and_left_empty_is_an_error_not_dropped(admin_client):
    # The city picker found nothing, so the added row holds only its defaults
    # (as a browser sends them: the role and the certainty the row starts with).
    session = BoardSessionFactory()
    url = admin_url("summits_boardsession_change", session.pk, language="fa")
    page = admin_client.get(url)
    prefix = inline_prefix(page, Participation)
    form = page_form_data(page, "fa")
    index = with_new_row(form, prefix, {"role": "delegation", "certainty": "verified"})
    response = admin_client.post(url, form)
    assert response.status_code == 200
    [formset] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    errors = formset.forms[index].non_field_errors()
    assert "این ردیف افزوده خالی است" in errors[0], errors
    assert not Participation.objects.exists()
