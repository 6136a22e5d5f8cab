"""Participations are edited on their own page and as inline rows of a summit and
of a board session: the row is locked alone, whatever the model's ordering joins."""

import pytest
from django.contrib import admin

from common.admin import locked_version
from summits.models import Participation
from tests.admin.forms import admin_url, inline_prefix, page_form_data
from tests.factories import (
    BoardSessionFactory,
    CityFactory,
    ParticipationFactory,
    SummitFactory,
)

pytestmark = pytest.mark.django_db


def test_a_participation_is_changed_on_its_own_page(admin_client):
    participation = ParticipationFactory(delegates=2)
    other_city = CityFactory()
    url = admin_url("summits_participation_change", participation.pk, language="en")
    form = page_form_data(admin_client.get(url), "en")
    form.update(city=str(other_city.pk), role="observer", delegates="7")
    response = admin_client.post(url, form)
    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.city, participation.role, participation.delegates) == (
        other_city,
        "observer",
        7,
    )
    assert participation.version == 2


@pytest.mark.parametrize("meeting", ["summit", "board_session"])
def test_a_participation_row_is_changed_inline_on_its_meeting(admin_client, meeting):
    if meeting == "summit":
        parent = SummitFactory()
        participation = ParticipationFactory(summit=parent, delegates=2)
        url = admin_url("summits_summit_change", parent.pk, language="fa")
    else:
        parent = BoardSessionFactory()
        participation = ParticipationFactory(summit=None, board_session=parent, delegates=2)
        url = admin_url("summits_boardsession_change", parent.pk, language="fa")
    other_city = CityFactory()
    page = admin_client.get(url)
    prefix = inline_prefix(page, Participation)
    form = page_form_data(page, "fa")
    form[f"{prefix}-0-city"] = str(other_city.pk)
    form[f"{prefix}-0-role"] = "speaker"
    form[f"{prefix}-0-delegates"] = "۵"
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    participation.refresh_from_db()
    assert (participation.city, participation.role, participation.delegates) == (
        other_city,
        "speaker",
        5,
    )


@pytest.mark.parametrize("meeting", ["summit", "board_session"])
def test_ticking_delete_on_a_participation_row_deletes_it(admin_client, meeting):
    if meeting == "summit":
        parent = SummitFactory()
        ParticipationFactory(summit=parent)
        url = admin_url("summits_summit_change", parent.pk, language="en")
    else:
        parent = BoardSessionFactory()
        ParticipationFactory(summit=None, board_session=parent)
        url = admin_url("summits_boardsession_change", parent.pk, language="en")
    page = admin_client.get(url)
    prefix = inline_prefix(page, Participation)
    form = page_form_data(page, "en")
    form[f"{prefix}-0-DELETE"] = "on"
    response = admin_client.post(url, form)
    assert response.status_code == 302
    assert not Participation.objects.exists()


@pytest.mark.parametrize(
    "model",
    [
        model
        for model in admin.site._registry
        if any(field.name == "version" for field in model._meta.concrete_fields)
    ],
    ids=lambda model: model._meta.label,
)
def test_every_versioned_model_can_lock_its_row_for_a_save(model):
    # PostgreSQL refuses a bad lock when it plans the query, so no row is needed.
    assert locked_version(model, 0) is None
