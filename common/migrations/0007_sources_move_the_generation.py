"""A source, or a record's list of sources, changed moves the content generation on (see
common.0004): the pages and API answers that cite them are cached under it."""

import importlib

from django.db import migrations

GENERATION = importlib.import_module("common.migrations.0004_content_generation")

TABLES = [
    "common_source",
    "members_city_sources",
    "members_membership_sources",
    "members_organisation_sources",
    "members_person_sources",
    "members_position_sources",
    "members_boardterm_sources",
    "members_boardseat_sources",
    "summits_summit_sources",
    "summits_generalassembly_sources",
    "summits_boardsession_sources",
    "summits_panel_sources",
    "summits_participation_sources",
]


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0006_sources_and_jalali_dates"),
        ("members", "0008_partial_knowledge_and_sources"),
        ("summits", "0006_partial_knowledge_and_sources"),
    ]

    operations = [
        migrations.RunSQL(
            "".join(GENERATION.trigger_sql(table) for table in TABLES),
            "".join(GENERATION.drop_sql(table) for table in TABLES),
        )
    ]
