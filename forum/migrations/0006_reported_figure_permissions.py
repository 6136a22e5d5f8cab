"""The secretariat's roles (forum.0002) cover the forum's reported figures and the
sources facts cite too: editors add, change and delete them, viewers see them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Secretariat editors"
VIEWERS = "Secretariat viewers"


MODELS = [("forum", "reportedfigure"), ("common", "source")]


def permissions(apps, actions):
    # Permissions are made after migrations; on a fresh database make them now.
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.none()
    for app_label, model in MODELS:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
        found |= Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in ((EDITORS, ("add", "change", "delete", "view")), (VIEWERS, ("view",))):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*permissions(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITORS, VIEWERS]):
        group.permissions.remove(*permissions(apps, ("add", "change", "delete", "view")))


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0005_reported_figures"),
        ("forum", "0002_secretariat_groups"),
        ("common", "0006_sources_and_jalali_dates"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
