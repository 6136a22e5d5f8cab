"""Database triggers that keep partners' copies exact, whatever path changes a record.

1. `updated_at` is set by the database on every real change, so `queryset.update()`
   and raw SQL show up in `?updated_since=` too.
2. Deleting a public record writes a tombstone (`deleted`) to common_deletion.
3. Unpublishing a record writes `unpublished` for it and `hidden` for the records
   that are public only through it (the rules of members/selectors.py and
   summits/selectors.py); publishing or unpublishing touches every record that
   refers to it, whose API form changes (a reference becomes null, a record reappears).
4. A record moved to another parent (its summit, city, person … changed) writes
   `moved`: it may have left what is public; if it has not, it is among the
   changes of the same run, and partners apply removals before changes.
5. Records shown inside another (membership periods in a city, talks in a panel, the
   term of a board seat) touch that record when they change.

The SQL is frozen here; a later change of the rules gets a new migration.
"""

from django.db import migrations

# Public tables and their resource names in the API.
RESOURCES = {
    "members_city": "cities",
    "members_organisation": "organisations",
    "members_person": "people",
    "members_position": "positions",
    "members_boardseat": "board-seats",
    "summits_summit": "summits",
    "summits_generalassembly": "general-assemblies",
    "summits_boardsession": "board-sessions",
    "summits_panel": "panels",
    "summits_participation": "participations",
    "summits_document": "documents",
}
# Tables shown inside another record: (table, column pointing at the outer record, outer table).
NESTED = [
    ("members_membership", "city_id", "members_city"),
    ("summits_talk", "panel_id", "summits_panel"),
    ("members_boardterm", "id", None),  # a term is shown in each of its seats
]
# When a publishable record goes to draft, these records disappear with it:
# (table, condition on the row where :id is the parent's id).
HIDDEN_WITH = {
    "members_city": [
        ("summits_participation", "city_id = :id"),
        ("members_boardseat", "city_id = :id"),
    ],
    "members_organisation": [("summits_participation", "organisation_id = :id")],
    "members_person": [("members_position", "person_id = :id")],
    "summits_summit": [
        ("summits_generalassembly", "summit_id = :id"),
        ("summits_panel", "summit_id = :id"),
        ("summits_participation", "summit_id = :id"),
        (
            "summits_document",
            "summit_id = :id OR panel_id IN (SELECT id FROM summits_panel WHERE summit_id = :id)",
        ),
    ],
    "summits_boardsession": [
        ("summits_participation", "board_session_id = :id"),
        ("summits_document", "board_session_id = :id"),
    ],
    "summits_document": [],
}
# Columns whose change may take a record out of public view (the parents it follows).
MOVABLE = {
    "members_position": ["person_id"],
    "members_boardseat": ["city_id"],
    "summits_generalassembly": ["summit_id"],
    "summits_panel": ["summit_id"],
    "summits_participation": ["summit_id", "board_session_id", "city_id", "organisation_id"],
    "summits_document": ["summit_id", "board_session_id", "panel_id"],
}
# Records whose API form refers to a publishable record, touched when it is
# published or unpublished: (table, condition).
REFERRING = {
    "members_city": [
        ("summits_summit", "host_city_id = :id"),
        ("summits_boardsession", "city_id = :id"),
        ("members_position", "city_id = :id"),
        ("summits_talk", "city_id = :id"),
        ("summits_participation", "city_id = :id"),
        ("members_boardseat", "city_id = :id"),
    ],
    "members_organisation": [
        ("members_position", "organisation_id = :id"),
        ("summits_participation", "organisation_id = :id"),
    ],
    "members_person": [
        ("members_position", "person_id = :id"),
        ("summits_panel", "moderator_id = :id"),
        ("summits_talk", "speaker_id = :id"),
        ("summits_participation", "head_of_delegation_id = :id"),
    ],
    "summits_summit": [
        ("summits_generalassembly", "summit_id = :id"),
        ("summits_boardsession", "summit_id = :id"),
        ("summits_panel", "summit_id = :id"),
        ("summits_participation", "summit_id = :id"),
        (
            "summits_document",
            "summit_id = :id OR panel_id IN (SELECT id FROM summits_panel WHERE summit_id = :id)",
        ),
    ],
    "summits_boardsession": [
        ("summits_participation", "board_session_id = :id"),
        ("summits_document", "board_session_id = :id"),
    ],
    "summits_document": [],
}

TOMBSTONE = """
INSERT INTO common_deletion
    (resource, object_id, slug, reason, parent_resource, parent_id, removed_at)
"""


def _sql():
    statements = [
        """
        CREATE FUNCTION sync_bump_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW IS DISTINCT FROM OLD THEN
                NEW.updated_at := clock_timestamp();
            END IF;
            RETURN NEW;
        END $$;
        """,
        f"""
        CREATE FUNCTION sync_tombstone_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {TOMBSTONE}
            VALUES (TG_ARGV[0], OLD.id, coalesce(to_jsonb(OLD)->>'slug', ''), 'deleted',
                    '', NULL, clock_timestamp());
            RETURN OLD;
        END $$;
        """,
    ]
    statements.append(
        f"""
        CREATE FUNCTION sync_tombstone_on_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {TOMBSTONE}
            VALUES (TG_ARGV[0], NEW.id, coalesce(to_jsonb(NEW)->>'slug', ''), 'moved',
                    '', NULL, clock_timestamp());
            RETURN NULL;
        END $$;
        """
    )
    for table, columns in MOVABLE.items():
        changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns)
        statements.append(
            f"CREATE TRIGGER sync_moved AFTER UPDATE OF {', '.join(columns)} ON {table} "
            f"FOR EACH ROW WHEN ({changed}) "
            f"EXECUTE FUNCTION sync_tombstone_on_move('{RESOURCES[table]}');"
        )
    drops = [
        "DROP FUNCTION IF EXISTS sync_tombstone_on_move() CASCADE;",
        "DROP FUNCTION IF EXISTS sync_bump_updated_at() CASCADE;",
        "DROP FUNCTION IF EXISTS sync_tombstone_on_delete() CASCADE;",
    ]
    for table, resource in RESOURCES.items():
        statements.append(
            f"CREATE TRIGGER sync_bump BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sync_bump_updated_at();"
        )
        statements.append(
            f"CREATE TRIGGER sync_tombstone AFTER DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sync_tombstone_on_delete('{resource}');"
        )
    for table, hidden in HIDDEN_WITH.items():
        resource = RESOURCES[table]
        function = f"sync_publication_{table}"
        hide = "\n".join(
            f"""{TOMBSTONE}
                SELECT '{RESOURCES[child]}', id, coalesce(to_jsonb(c)->>'slug', ''), 'hidden',
                       '{resource}', NEW.id, clock_timestamp()
                FROM {child} AS c WHERE {condition.replace(":id", "NEW.id")};"""
            for child, condition in hidden
        )
        touch = "\n".join(
            f"UPDATE {child} SET updated_at = clock_timestamp() "
            f"WHERE {condition.replace(':id', 'NEW.id')};"
            for child, condition in REFERRING[table]
        )
        statements.append(
            f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.is_published AND NOT NEW.is_published THEN
                    {TOMBSTONE}
                    VALUES ('{resource}', NEW.id, coalesce(to_jsonb(NEW)->>'slug', ''),
                            'unpublished', '', NULL, clock_timestamp());
                    {hide}
                END IF;
                {touch}
                RETURN NULL;
            END $$;
            CREATE TRIGGER sync_publication AFTER UPDATE OF is_published ON {table}
                FOR EACH ROW WHEN (OLD.is_published IS DISTINCT FROM NEW.is_published)
                EXECUTE FUNCTION {function}();
            """
        )
        drops.append(f"DROP FUNCTION IF EXISTS {function}() CASCADE;")
    for table, column, outer in NESTED:
        function = f"sync_touch_outer_{table}"
        if outer is None:  # board terms: touch the seats of the term
            body = "UPDATE members_boardseat SET updated_at = clock_timestamp() WHERE term_id = NEW.id;"
            events = "UPDATE"
        else:
            body = f"""
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    UPDATE {outer} SET updated_at = clock_timestamp() WHERE id = OLD.{column};
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    UPDATE {outer} SET updated_at = clock_timestamp() WHERE id = NEW.{column};
                END IF;"""
            events = "INSERT OR UPDATE OR DELETE"
        statements.append(
            f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {body}
                RETURN NULL;
            END $$;
            CREATE TRIGGER sync_touch_outer AFTER {events} ON {table}
                FOR EACH ROW EXECUTE FUNCTION {function}();
            """
        )
        statements.append(
            f"CREATE TRIGGER sync_bump BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sync_bump_updated_at();"
        )
        drops.append(f"DROP FUNCTION IF EXISTS {function}() CASCADE;")
    return "\n".join(statements), "\n".join(reversed(drops))


FORWARD, BACKWARD = _sql()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_deletion_feed"),
        ("members", "0001_initial"),
        ("summits", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
