"""The admin on the forum's real history, as `make run` loads it."""

import pytest

from members.models import City
from summits.models import Summit
from tests.admin.forms import admin_url, page_form_data


@pytest.mark.parametrize("language", ["fa", "en"])
def test_gaziantep_summit_page_edits_its_assembly_panels_participants_and_documents(
    admin_client, demo_data, language
):
    summit = Summit.objects.get(slug="5th-general-assembly-gaziantep-2018")
    response = admin_client.get(admin_url("summits_summit_change", summit.pk, language=language))
    assert response.status_code == 200
    inlines = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    assert inlines["general_assembly"].forms[0].instance.number == 5
    assert len(inlines["panels"].forms) == 4
    assert inlines["participations"].forms
    assert inlines["documents"].forms
    html = response.content.decode()
    if language == "fa":
        assert 'value="۱۳۹۷/۰۹/۰۸"' in html and "۸ آذر ۱۳۹۷" in html
    else:
        assert 'value="2018-11-29"' in html


def test_kashan_joined_in_1394_reads_so_in_the_persian_admin(admin_client, demo_data):
    kashan = City.objects.get(slug="kashan")
    html = admin_client.get(admin_url("members_city_change", kashan.pk)).content.decode()
    assert 'value="۱۳۹۴"' in html


def test_saving_the_gaziantep_page_unchanged_keeps_every_record_as_it_was(admin_client, demo_data):
    summit = Summit.objects.get(slug="5th-general-assembly-gaziantep-2018")
    url = admin_url("summits_summit_change", summit.pk)
    before = Summit.objects.filter(pk=summit.pk).values().get()
    response = admin_client.post(url, page_form_data(admin_client.get(url), "fa"))
    assert response.status_code == 302
    assert Summit.objects.filter(pk=summit.pk).values().get() == before


def test_demo_lists_answer_within_budget(admin_client, demo_data, django_assert_max_num_queries):
    # session, user, years (filter), count, summits with host and assembly, date
    # hierarchy first/last
    with django_assert_max_num_queries(7):
        assert admin_client.get(admin_url("summits_summit_changelist")).status_code == 200
    # session, user, count, cities with their membership status (one subquery)
    with django_assert_max_num_queries(5):
        assert admin_client.get(admin_url("members_city_changelist")).status_code == 200
