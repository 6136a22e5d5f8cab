"""The secretariat's roles (forum.0002) cover the forum's reported figures too: editors
add, change and delete them, viewers see them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Secretariat editors"
VIEWERS = "Secretariat viewers"


def permissions(apps, actions):
    # Permissions are made after migrations; on a fresh database make them now.
    create_permissions(global_apps.get_app_config("forum"), apps=apps, verbosity=0)
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="forum",
        codename__in=[f"{action}_reportedfigure" for action in actions],
    )


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
    dependencies = [("forum", "0005_reported_figures"), ("forum", "0002_secretariat_groups")]

    operations = [migrations.RunPython(grant, revoke)]
