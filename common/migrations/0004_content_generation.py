"""The content generation: a counter every committed change of public content moves on.

Each registry table gets a constraint trigger, DEFERRABLE INITIALLY DEFERRED, so it
runs at commit: the counter's row is locked only for the last instant of a
transaction (no writer waits on another's whole transaction, and no deadlock with
the admin's SELECT … FOR UPDATE), and a transaction-local flag makes the first row
of a transaction bump it and the rest return at once. TRUNCATE, which constraint
triggers do not see, bumps it through a statement trigger.

Tests that read their own uncommitted writes run `SET CONSTRAINTS
content_generation_bump IMMEDIATE` (tests/conftest.py).

The SQL is frozen here; a table added later gets its trigger in its own migration
(`tests/test_response_cache.py` checks that every public table has one).
"""

from django.db import migrations, models

TABLES = [
    "members_city",
    "members_membership",
    "members_organisation",
    "members_person",
    "members_position",
    "members_boardterm",
    "members_boardseat",
    "summits_summit",
    "summits_generalassembly",
    "summits_boardsession",
    "summits_panel",
    "summits_talk",
    "summits_participation",
    "summits_document",
    "common_deletion",
]

FUNCTIONS = """
INSERT INTO common_contentgeneration (id, value) VALUES (1, 0) ON CONFLICT DO NOTHING;

CREATE FUNCTION content_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per statement that fires the deferred events (COMMIT, or SET CONSTRAINTS …
    -- IMMEDIATE): the flag is transaction-local (set_config's third argument) and
    -- names the statement by its start time.
    IF coalesce(current_setting('forum.content_generation_bumped', true), '')
            <> statement_timestamp()::text THEN
        PERFORM set_config('forum.content_generation_bumped', statement_timestamp()::text, true);
        -- Onwards, and at least to the current time in microseconds: a database restored
        -- from a backup, or a rolled-back test, never reuses a value another state had.
        UPDATE common_contentgeneration
            SET value = greatest(value + 1, (extract(epoch FROM clock_timestamp()) * 1e6)::bigint)
            WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
"""


def trigger_sql(table, columns=""):
    """The two triggers of one table (`columns`: only updates of these columns count)."""
    update = f"UPDATE OF {columns}" if columns else "UPDATE"
    return f"""
    CREATE CONSTRAINT TRIGGER content_generation_bump AFTER INSERT OR {update} OR DELETE
        ON {table} DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION content_generation_bump();
    CREATE TRIGGER content_generation_truncate AFTER TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION content_generation_bump();
    """


def drop_sql(table):
    return f"""
    DROP TRIGGER IF EXISTS content_generation_bump ON {table};
    DROP TRIGGER IF EXISTS content_generation_truncate ON {table};
    """


class Migration(migrations.Migration):

    dependencies = [
        ('common', '0003_deletion_reason_moved'),
        ('members', '0002_history_and_version'),
        ('summits', '0002_history_and_version'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentGeneration',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('value', models.BigIntegerField(default=0, verbose_name='generation')),
            ],
            options={
                'verbose_name': 'content generation',
                'verbose_name_plural': 'content generations',
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='content_generation_single_row')],
            },
        ),
        migrations.RunSQL(FUNCTIONS, "DROP FUNCTION IF EXISTS content_generation_bump() CASCADE;"),
        *[migrations.RunSQL(trigger_sql(table), drop_sql(table)) for table in TABLES],
    ]
