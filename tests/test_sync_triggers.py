"""The database keeps partners' copies exact, whatever path changes a record:
`updated_at` moves on every real change and removals leave tombstones."""

import pytest

from common.models import Deletion
from members.models import City, Membership
from summits.models import BoardSession, Document, Panel, Summit, Talk
from tests import factories as f

pytestmark = pytest.mark.django_db


def _tombstones(**filters):
    return set(Deletion.objects.filter(**filters).values_list("resource", "object_id", "reason"))


def test_a_bulk_update_moves_updated_at():
    city = f.CityFactory()
    before = City.objects.get(pk=city.pk).updated_at
    City.objects.filter(pk=city.pk).update(population=1_000_000)
    assert City.objects.get(pk=city.pk).updated_at > before


def test_an_update_that_changes_nothing_keeps_updated_at():
    city = f.CityFactory(population=5)
    before = City.objects.get(pk=city.pk).updated_at
    City.objects.filter(pk=city.pk).update(population=5)
    assert City.objects.get(pk=city.pk).updated_at == before


def test_a_bulk_delete_leaves_a_tombstone_per_record():
    documents = f.DocumentFactory.create_batch(3)
    Document.objects.filter(pk__in=[d.pk for d in documents]).delete()
    assert _tombstones() == {("documents", d.pk, "deleted") for d in documents}


def test_deleting_a_summit_leaves_tombstones_for_everything_deleted_with_it():
    summit = f.SummitFactory(slug="gone")
    assembly = f.GeneralAssemblyFactory(summit=summit)
    panel = f.PanelFactory(summit=summit)
    summit_id = summit.pk
    summit.delete()
    assert _tombstones() >= {
        ("summits", summit_id, "deleted"),
        ("general-assemblies", assembly.pk, "deleted"),
        ("panels", panel.pk, "deleted"),
    }
    assert Deletion.objects.get(resource="summits").slug == "gone"


def test_unpublishing_by_queryset_update_hides_what_depends_on_it():
    summit = f.SummitFactory()
    assembly = f.GeneralAssemblyFactory(summit=summit)
    panel = f.PanelFactory(summit=summit)
    participation = f.ParticipationFactory(summit=summit)
    on_panel = f.DocumentFactory(summit=None, panel=panel)
    Summit.objects.filter(pk=summit.pk).update(is_published=False)
    assert _tombstones() == {
        ("summits", summit.pk, "unpublished"),
        ("general-assemblies", assembly.pk, "hidden"),
        ("panels", panel.pk, "hidden"),
        ("participations", participation.pk, "hidden"),
        ("documents", on_panel.pk, "hidden"),
    }
    hidden = Deletion.objects.filter(reason="hidden")
    assert {(d.parent_resource, d.parent_id) for d in hidden} == {("summits", summit.pk)}


def test_unpublishing_a_summit_touches_the_board_session_held_there():
    summit = f.SummitFactory()
    session = f.BoardSessionFactory(summit=summit)
    before = BoardSession.objects.get(pk=session.pk).updated_at
    Summit.objects.filter(pk=summit.pk).update(is_published=False)
    assert BoardSession.objects.get(pk=session.pk).updated_at > before


def test_publishing_again_brings_back_the_hidden_records_as_changed():
    summit = f.SummitFactory(is_published=False)
    panel = f.PanelFactory(summit=summit)
    before = Panel.objects.get(pk=panel.pk).updated_at
    Summit.objects.filter(pk=summit.pk).update(is_published=True)
    assert Panel.objects.get(pk=panel.pk).updated_at > before
    assert not Deletion.objects.exists()


def test_a_change_of_a_membership_period_changes_its_city():
    membership = f.MembershipFactory()
    before = City.objects.get(pk=membership.city_id).updated_at
    Membership.objects.filter(pk=membership.pk).update(status="withdrawn")
    assert City.objects.get(pk=membership.city_id).updated_at > before


def test_a_new_speaker_changes_the_panel():
    panel = f.PanelFactory()
    before = Panel.objects.get(pk=panel.pk).updated_at
    f.TalkFactory(panel=panel)
    assert Panel.objects.get(pk=panel.pk).updated_at > before
    Talk.objects.filter(panel=panel).delete()
    assert not Deletion.objects.filter(resource="panels").exists()


def test_unpublishing_a_city_hides_its_seats_and_participations():
    city = f.CityFactory()
    seat = f.BoardSeatFactory(city=city)
    participation = f.ParticipationFactory(city=city)
    city.is_published = False
    city.save()
    assert _tombstones(reason="hidden") == {
        ("board-seats", seat.pk, "hidden"),
        ("participations", participation.pk, "hidden"),
    }


def test_moving_a_document_to_a_draft_summit_tells_partners_to_drop_it(client):
    document = f.DocumentFactory()
    draft = f.SummitFactory(is_published=False)
    Document.objects.filter(pk=document.pk).update(summit=draft)
    assert _tombstones() == {("documents", document.pk, "moved")}
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404


def test_editing_a_record_without_moving_it_writes_no_tombstone():
    participation = f.ParticipationFactory()
    participation.delegates = 4
    participation.save()
    assert not Deletion.objects.exists()
