"""The database triggers that write the deletions feed and `Model.objects.public()` agree
on what the public may see, on the same world, for every model."""

import importlib

import pytest
from django.apps import apps
from django.db import connection, transaction

from common.models import Deletion
from tests.visibility_world import build_visibility_world

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("common.migrations.0005_visibility_triggers")
TABLES = MIGRATION.TABLES
MODELS = {model._meta.db_table: model for model in apps.get_models()}


@pytest.fixture
def world(db):
    return build_visibility_world()


def _public_by_queryset():
    return {
        table: set(MODELS[table].objects.public().values_list("pk", flat=True)) for table in TABLES
    }


def _public_by_trigger_rule():
    shown = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT id FROM {table} WHERE sync_is_public_{table}(id)")
            shown[table] = {row[0] for row in cursor.fetchall()}
    return shown


def _resource(table):
    return TABLES[table][0]


def test_the_triggers_declare_the_chains_the_models_declare():
    for table, (_resource_name, flag, parents) in TABLES.items():
        model = MODELS[table]
        assert any(f.name == "is_published" for f in model._meta.fields) == flag, table
        declared = []
        for name in model.public_through:
            field = model._meta.get_field(name)
            declared.append((field.column, field.related_model._meta.db_table, field.null))
        assert declared == parents, table
    registry = {
        model._meta.db_table
        for app in ("members", "summits")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")  # django-simple-history's copies
    }
    assert registry == set(TABLES), "every registry table has its rule in the migration"


def test_for_every_model_the_queryset_and_the_trigger_rule_show_the_same_rows(world):
    by_queryset, by_trigger = _public_by_queryset(), _public_by_trigger_rule()
    for table in TABLES:
        assert by_queryset[table] == by_trigger[table], table
        hidden = set(MODELS[table].objects.values_list("pk", flat=True)) - by_queryset[table]
        if table not in ("members_boardterm",):
            assert hidden, f"the world holds a hidden {table} row (else this checks nothing)"


def _removals():
    """Every way of taking one record away: unpublishing it, or deleting it (raw SQL, so
    no cascade order helps: foreign keys are checked only at commit, never reached here)."""
    for table, (_resource_name, flag, _parents) in TABLES.items():
        for pk in MODELS[table].objects.values_list("pk", flat=True):
            if flag:
                yield table, pk, f"UPDATE {table} SET is_published = false WHERE id = %s"
            yield table, pk, f"DELETE FROM {table} WHERE id = %s"


def test_every_removal_tombstones_exactly_the_records_that_leave_public_view(world):
    checked = 0
    for _table, pk, statement in _removals():
        before = _public_by_queryset()
        try:
            with transaction.atomic():
                start = Deletion.objects.order_by("-id").values_list("id", flat=True).first() or 0
                with connection.cursor() as cursor:
                    cursor.execute(statement, [pk])
                after = _public_by_queryset()
                left = {
                    (_resource(t), row)
                    for t in TABLES
                    if _resource(t)
                    for row in before[t] - after[t]
                }
                written = list(
                    Deletion.objects.filter(id__gt=start).values_list("resource", "object_id")
                )
                assert sorted(written) == sorted(left), (statement, pk)
                checked += bool(left)
                raise _Undo
        except _Undo:
            pass
    assert checked > 20, "removals that hid something were tried"


class _Undo(Exception):
    pass


def test_deleting_a_draft_leaves_nothing_in_the_deletions_feed(world, client):
    from members.models import Organisation
    from summits.models import Document, Summit

    world.records["draft_org"].positions.all().delete()
    world.records["draft_org"].participations.all().delete()
    Organisation.objects.filter(pk=world.records["draft_org"].pk).delete()
    Document.objects.filter(is_published=False).delete()
    Summit.objects.filter(pk=world.records["draft_summit"].pk).delete()
    assert not Deletion.objects.exists()
    feed = client.get("/api/v1/deletions/")
    assert feed.status_code == 200 and feed.json()["count"] == 0


def test_deleting_a_public_record_tells_partners_to_drop_it_and_what_hung_on_it(world):
    from summits.models import Summit

    summit = world.records["summit"]
    Summit.objects.filter(pk=summit.pk).delete()
    resources = set(Deletion.objects.values_list("resource", flat=True))
    assert {"summits", "panels", "documents", "participations", "general-assemblies"} <= resources
    assert Deletion.objects.get(resource="summits").slug == summit.slug
