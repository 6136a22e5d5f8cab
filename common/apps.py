from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_content_generation(using="default", **kwargs):
    """The response cache's one counter row, put back after `migrate` and after `flush`
    (which empties every table; Django sends post_migrate after it). Without the row the
    cache is bypassed (common.response_cache); it restarts at the current time in
    microseconds, as the triggers move it, so no value of an earlier state comes back."""
    from django.db import connections, router

    from common.models import ContentGeneration

    if not router.allow_migrate_model(using, ContentGeneration):
        return
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regclass('common_contentgeneration')")
        if cursor.fetchone()[0] is None:  # migrated back before the table
            return
        cursor.execute(
            "INSERT INTO common_contentgeneration (id, value) "
            "VALUES (1, (extract(epoch FROM clock_timestamp()) * 1e6)::bigint) "
            "ON CONFLICT DO NOTHING"
        )


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("shared records")

    def ready(self):
        post_migrate.connect(ensure_content_generation, sender=self)
        from common.admin_reader import (
            show_change_messages_in_reader_language,
            show_values_in_reader_language,
        )

        show_values_in_reader_language()
        show_change_messages_in_reader_language()

        from simple_history import register as register_history

        from common.models import Source

        if not hasattr(Source, "history"):
            register_history(Source, app=self.label)
