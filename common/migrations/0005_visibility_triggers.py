"""The deletions feed follows the one rule of what the public may see (common.models).

Migration 0002 kept its own copy of the rule (`HIDDEN_WITH`), which had drifted from
the pages and the API, and it wrote a tombstone for every deleted or moved row, drafts
included: the feed named records partners never saw (`draft-org-…`).

Here the rule is declared once for the database, as the models declare it
(`public_through`, checked equal to the models' by tests/test_visibility_rule.py):
`sync_is_public_<table>(id)` says whether the public may see a row now. Triggers run
BEFORE the change, while the old state is still visible:

- deleting a row that is public writes `deleted` for it and `hidden` for every public
  record hanging on it (whatever order a cascade deletes them in, each gets one
  tombstone: once its parent is gone, a row is no longer public);
- unpublishing a public row writes `unpublished` for it and `hidden` for the public
  records hanging on it;
- moving a public row to another parent (a column it hangs on changes) writes `moved`
  for it and for the public records hanging on it, and touches those, so that any
  still public are among the changes of the same run;
- a row that is not public leaves nothing: a draft never appears in the feed.

Publishing or unpublishing still touches the records whose API form refers to the
row (0002's `sync_publication_<table>`, now without tombstones). The SQL is frozen
here; a later change of the rule gets a new migration.
"""

import importlib

from django.db import migrations

# Every table of the registry, parents before children:
# table -> (API resource or None when shown only inside another, has is_published,
#           [(column, table it hangs on, nullable)]).
TABLES = {
    "members_city": ("cities", True, []),
    "members_organisation": ("organisations", True, []),
    "members_person": ("people", True, []),
    "members_boardterm": (None, False, []),
    "members_membership": (None, False, [("city_id", "members_city", False)]),
    "members_position": (
        "positions",
        False,
        [
            ("person_id", "members_person", False),
            ("city_id", "members_city", True),
            ("organisation_id", "members_organisation", True),
        ],
    ),
    "members_boardseat": (
        "board-seats",
        False,
        [("city_id", "members_city", False), ("term_id", "members_boardterm", False)],
    ),
    "summits_summit": ("summits", True, []),
    "summits_boardsession": ("board-sessions", True, []),
    "summits_generalassembly": (
        "general-assemblies",
        False,
        [("summit_id", "summits_summit", False)],
    ),
    "summits_panel": ("panels", False, [("summit_id", "summits_summit", False)]),
    "summits_talk": (
        None,
        False,
        [("panel_id", "summits_panel", False), ("speaker_id", "members_person", False)],
    ),
    "summits_participation": (
        "participations",
        False,
        [
            ("summit_id", "summits_summit", True),
            ("board_session_id", "summits_boardsession", True),
            ("city_id", "members_city", True),
            ("organisation_id", "members_organisation", True),
        ],
    ),
    "summits_document": (
        "documents",
        True,
        [
            ("summit_id", "summits_summit", True),
            ("board_session_id", "summits_boardsession", True),
            ("panel_id", "summits_panel", True),
        ],
    ),
}

# Records whose API form refers to a publishable record (0002, unchanged): touched when
# it is published or unpublished.
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

TOMBSTONE = """INSERT INTO common_deletion
    (resource, object_id, slug, reason, parent_resource, parent_id, removed_at)"""


def reaches(table, ancestor):
    """Whether rows of `table` hang on rows of `ancestor`, directly or through others."""
    return any(
        parent == ancestor or reaches(parent, ancestor) for _c, parent, _n in TABLES[table][2]
    )


def hanging_on(table, ancestor, id_sql):
    """SQL condition on rows of `table`: they hang on the `ancestor` row whose id is `id_sql`."""
    parts = []
    for column, parent, _nullable in TABLES[table][2]:
        if parent == ancestor:
            parts.append(f"{table}.{column} = {id_sql}")
        elif reaches(parent, ancestor):
            parts.append(
                f"{table}.{column} IN (SELECT {parent}.id FROM {parent} "
                f"WHERE {hanging_on(parent, ancestor, id_sql)})"
            )
    return " OR ".join(f"({part})" for part in parts)


def descendants(ancestor):
    """The API resources whose rows can hang on `ancestor`'s rows."""
    return [
        table for table, (resource, _f, _p) in TABLES.items() if resource and reaches(table, ancestor)
    ]


def is_public_function(table):
    _resource, flag, parents = TABLES[table]
    conditions = ["r.id = $1"]
    if flag:
        conditions.append("r.is_published")
    for column, parent, nullable in parents:
        check = f"sync_is_public_{parent}(r.{column})"
        conditions.append(f"(r.{column} IS NULL OR {check})" if nullable else check)
    return f"""
    CREATE FUNCTION sync_is_public_{table}(bigint) RETURNS boolean
        LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM {table} AS r WHERE {" AND ".join(conditions)})
    $$;"""


def _slug(alias):
    return f"coalesce(to_jsonb({alias})->>'slug', '')"


def _tombstones(table, row, own_reason, child_reason, touch=False):
    """plpgsql: if `row` (OLD or NEW) of `table` is public, its tombstone and its public
    descendants' tombstones; optionally touch the descendants."""
    resource = TABLES[table][0]
    lines = [f"IF sync_is_public_{table}({row}.id) THEN"]
    if resource:
        lines.append(
            f"{TOMBSTONE} VALUES ('{resource}', {row}.id, {_slug(row)}, '{own_reason}', "
            f"'', NULL, clock_timestamp());"
        )
    for child in descendants(table):
        condition = hanging_on(child, table, f"{row}.id")
        parent_resource = resource or ""
        parent_id = f"{row}.id" if resource else "NULL"
        lines.append(
            f"{TOMBSTONE} SELECT '{TABLES[child][0]}', {child}.id, {_slug(child)}, "
            f"'{child_reason}', '{parent_resource}', {parent_id}, clock_timestamp() "
            f"FROM {child} WHERE ({condition}) AND sync_is_public_{child}({child}.id);"
        )
        if touch:
            lines.append(
                f"UPDATE {child} SET updated_at = clock_timestamp() WHERE {condition};"
            )
    lines.append("END IF;")
    return "\n            ".join(lines)


def _sql():
    forward = [
        # 0002's tombstones, replaced below.
        *(
            f"DROP TRIGGER IF EXISTS sync_tombstone ON {table};"
            for table, (resource, _f, _p) in TABLES.items()
            if resource
        ),
        "DROP FUNCTION IF EXISTS sync_tombstone_on_delete();",
        "DROP FUNCTION IF EXISTS sync_tombstone_on_move() CASCADE;",
    ]
    backward = []
    for table in TABLES:
        forward.append(is_public_function(table))
    for table, (resource, flag, parents) in TABLES.items():
        if resource or descendants(table):
            forward.append(
                f"""
        CREATE FUNCTION sync_forget_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_tombstones(table, "OLD", "deleted", "hidden")}
            RETURN OLD;
        END $$;
        CREATE TRIGGER sync_forget BEFORE DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION sync_forget_{table}();"""
            )
            backward.append(f"DROP FUNCTION IF EXISTS sync_forget_{table}() CASCADE;")
        if flag:
            forward.append(
                f"""
        CREATE FUNCTION sync_unpublish_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_tombstones(table, "OLD", "unpublished", "hidden")}
            RETURN NEW;
        END $$;
        CREATE TRIGGER sync_unpublish BEFORE UPDATE OF is_published ON {table}
            FOR EACH ROW WHEN (OLD.is_published AND NOT NEW.is_published)
            EXECUTE FUNCTION sync_unpublish_{table}();"""
            )
            backward.append(f"DROP FUNCTION IF EXISTS sync_unpublish_{table}() CASCADE;")
            touch = "\n            ".join(
                f"UPDATE {child} SET updated_at = clock_timestamp() "
                f"WHERE {condition.replace(':id', 'NEW.id')};"
                for child, condition in REFERRING[table]
            )
            forward.append(
                f"""
        CREATE OR REPLACE FUNCTION sync_publication_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$
        BEGIN
            {touch}
            RETURN NULL;
        END $$;"""
            )
        if resource and parents:
            columns = [column for column, _p, _n in parents]
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
            forward.append(
                f"""
        CREATE FUNCTION sync_move_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_tombstones(table, "OLD", "moved", "moved", touch=True)}
            RETURN NEW;
        END $$;
        CREATE TRIGGER sync_move BEFORE UPDATE OF {", ".join(columns)} ON {table}
            FOR EACH ROW WHEN ({changed})
            EXECUTE FUNCTION sync_move_{table}();"""
            )
            backward.append(f"DROP FUNCTION IF EXISTS sync_move_{table}() CASCADE;")
    for table in reversed(TABLES):
        backward.append(f"DROP FUNCTION IF EXISTS sync_is_public_{table}(bigint);")
    # Back to 0002 exactly: drop and recreate all of its triggers.
    previous = importlib.import_module("common.migrations.0002_sync_triggers")
    backward += [previous.BACKWARD, previous.FORWARD]
    return "\n".join(forward), "\n".join(backward)


FORWARD, BACKWARD = _sql()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0004_content_generation"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
