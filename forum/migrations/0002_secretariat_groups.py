"""The secretariat's two roles, as groups.

Secretariat editors add, change, delete and import every record of the
registry (and read its history); Secretariat viewers see and export it only.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Secretariat editors"
VIEWERS = "Secretariat viewers"
REGISTRY_APPS = ("members", "summits")


def registry_permissions(apps, actions):
    # Permissions are made after migrations; on a fresh database make them now.
    for label in REGISTRY_APPS:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model._meta.model_name}"
        for label in REGISTRY_APPS
        for model in apps.get_app_config(label).get_models()
        for action in actions
        # History is read through the record's own permissions; nobody edits it.
        if not model._meta.model_name.startswith("historical")
    ]
    return Permission.objects.filter(
        content_type__app_label__in=REGISTRY_APPS, codename__in=codenames
    )


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(registry_permissions(apps, ("add", "change", "delete", "view")))
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    viewers.permissions.set(registry_permissions(apps, ("view",)))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, VIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("forum", "0001_search"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0002_history_and_version"),
        ("summits", "0002_history_and_version"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
