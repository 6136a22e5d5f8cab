"""No public surface shows a hidden record, and each shows the public ones it should.

One world (tests/visibility_world.py) holds every kind of record public and hidden at
every level of its chain, each with a unique text; every page in both languages, a site
search for each text, the sitemap, both calendar feeds, every API list and record in
JSON and CSV, the dump and the deletions feed are read and searched for those texts.
A forgotten path (a query that says `is_published` instead of `.public()`) shows up here.
"""

import pytest
from django.apps import apps

from forum.api_router import router
from forum.models import PartnerKey
from tests.visibility_world import build_visibility_world, delete_some

pytestmark = pytest.mark.django_db

LANGUAGES = ("fa", "en")


@pytest.fixture
def world(db):
    world = build_visibility_world()
    delete_some(world)
    return world


@pytest.fixture
def api(client):
    _key, secret = PartnerKey.create(name="Visibility check")
    client.defaults["HTTP_AUTHORIZATION"] = f"Api-Key {secret}"
    return client


def _get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, params, response.status_code)
    return response.content.decode()


def _surfaces(client, world):
    """{label: text} of every public surface."""
    texts = {}
    records = world.records
    for language in LANGUAGES:
        pages = {
            "home": f"/{language}/",
            "directory": f"/{language}/members/",
            "summits": f"/{language}/summits/",
            "board": f"/{language}/board/",
            "calendar": f"/{language}/summits/calendar.ics",
        }
        for name in ("city",):
            pages[name] = f"/{language}{records[name].get_absolute_url()[3:]}"
        for name in ("summit", "summit_in_draft_city"):
            url = f"/{language}{records[name].get_absolute_url()[3:]}"
            pages[name] = url
            pages[f"{name}.ics"] = f"{url}calendar.ics"
        for label, url in pages.items():
            texts[f"{language} {label}"] = _get(client, url)
        for token in [*world.visible, *world.hidden]:
            page = _get(client, f"/{language}/search/", q=token)
            # What follows the status line: the box, the title and the language switch
            # repeat the query itself.
            assert 'role="status"' in page
            texts[f"{language} search {token}"] = page.split('role="status"', 1)[1]
    texts["sitemap"] = _get(client, "/sitemap.xml")
    for prefix, _viewset, _basename in router.registry:
        for language in LANGUAGES:
            for form in ("json", "csv"):
                texts[f"api {prefix} {language} {form}"] = _get(
                    client, f"/api/v1/{prefix}/", page_size=500, lang=language, format=form
                )
    for language in LANGUAGES:
        texts[f"dump {language}"] = _get(client, "/api/v1/dump/", lang=language)
    for form in ("json", "csv"):
        texts[f"deletions {form}"] = _get(client, "/api/v1/deletions/", format=form)
    return texts


def _detail_ids(client, prefix):
    return {
        record["id"] for record in client.get(f"/api/v1/{prefix}/?page_size=500").json()["results"]
    }


def test_the_world_really_holds_the_hidden_texts():
    """Sanity: each hidden text is in the database, so finding none elsewhere means something."""
    world = build_visibility_world()
    stored = []
    for model in apps.get_models():
        if model._meta.app_label not in ("members", "summits") or "Historical" in model.__name__:
            continue
        for record in model.objects.all():
            stored.append(" ".join(str(value) for value in record.__dict__.values()))
    everything = "\n".join(stored)
    assert len(world.hidden) >= 15 and len(world.visible) >= 15
    for token in [*world.hidden, *world.visible]:
        assert f"{token}fa" in everything and f"{token}en" in everything, token


def test_no_public_surface_shows_a_hidden_record_and_each_shows_the_public_ones(world, api):
    texts = _surfaces(api, world)
    leaks = [
        (token, label) for token in world.hidden for label, text in texts.items() if token in text
    ]
    assert not leaks, leaks

    # Every public record is in its API list in both languages, and in the dump.
    every_list = "\n".join(text for label, text in texts.items() if label.startswith("api "))
    for token in world.visible:
        for language in LANGUAGES:
            assert f"{token}{language}" in every_list, token
        assert token in texts["dump en"], token
    # Each searchable public record is found by a search for its text, in its language.
    searchable = ("city", "summit", "panel", "person", "doc")
    for token in world.visible:
        if token[5:].startswith(searchable):
            for language in LANGUAGES:
                assert f"{token}{language}" in texts[f"{language} search {token}"], token
    # The pages show what they should.
    records = world.records
    for language in LANGUAGES:
        summit_page = texts[f"{language} summit"]
        for name in ("panel", "city"):
            assert records[name].slug in summit_page
        assert records["summit"].slug in texts[f"{language} summits"]
        assert records["summit_in_draft_city"].slug in texts[f"{language} summits"]
        assert records["city"].slug in texts[f"{language} directory"]
        assert records["city"].slug in texts[f"{language} board"]
    assert records["city"].slug in texts["sitemap"]
    assert records["summit_in_draft_city"].slug in texts["sitemap"]
    # Deleting a public record tells partners; deleting drafts tells them nothing.
    for token in world.deleted_public:
        assert token in texts["deletions json"] and token in texts["deletions csv"]


def test_every_hidden_record_is_a_404_and_every_public_one_a_200_in_json_and_csv(world, api):
    for prefix, viewset, _basename in router.registry:
        if prefix == "countries":
            continue
        model = viewset.queryset.model
        listed = _detail_ids(api, prefix)
        for pk in model.objects.values_list("pk", flat=True):
            status = 200 if pk in listed else 404
            for form in ("json", "csv"):
                _get(api, f"/api/v1/{prefix}/{pk}/", status=status, format=form)
        hidden = set(model.objects.values_list("pk", flat=True)) - listed
        assert hidden, f"the world holds hidden {prefix}"
    for language in LANGUAGES:
        for name in ("draft_city",):
            _get(api, f"/{language}/members/{world.records[name].slug}/", status=404)
        for name in ("draft_summit",):
            slug = world.records[name].slug
            _get(api, f"/{language}/summits/{slug}/", status=404)
            _get(api, f"/{language}/summits/{slug}/calendar.ics", status=404)


def test_the_two_reported_leaks_are_in_the_world(world):
    """The document on a panel of a draft summit, the person at a draft organisation."""
    document = world.records["doc_on_draft_panel"]
    assert document.is_published and not document.panel.summit.is_published
    position = world.records["person2"].positions.get(organisation=world.records["draft_org"])
    assert position.person.is_published and not position.organisation.is_published
