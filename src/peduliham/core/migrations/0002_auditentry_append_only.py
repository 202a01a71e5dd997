"""Make the audit trail append-only in the database itself.

UPDATE is rejected on SQLite and PostgreSQL, with one exception: setting
`actor_id` to NULL and nothing else, which is what Django's on_delete=SET_NULL
does when a user row is removed (the entry keeps `actor_name`). DELETE is
rejected on PostgreSQL only: SQLite has no TRUNCATE, so the test suite's
flush there deletes rows, while PostgreSQL's flush truncates, which fires no
row triggers.

The SQLite trigger lists the columns it guards; a migration that adds a
column to AuditEntry must recreate it.
"""

from typing import Any

from django.db import migrations

GUARDED_COLUMNS = (
    "id",
    "created_at",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "region_code",
    "unit_path",
    "changes",
)

MESSAGE = "audit entries cannot be changed or deleted"

SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in GUARDED_COLUMNS)
SQLITE_CREATE = [
    f"""
CREATE TRIGGER core_auditentry_no_update
BEFORE UPDATE ON core_auditentry
WHEN NEW.actor_id IS NOT NULL OR {SQLITE_CHANGED}
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}');
END
"""
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS core_auditentry_no_update"]

POSTGRES_CREATE = [
    f"""
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.actor_id IS NOT NULL
       OR (to_jsonb(NEW) - 'actor_id') IS DISTINCT FROM (to_jsonb(OLD) - 'actor_id') THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$
""",
    """
CREATE TRIGGER core_auditentry_append_only
BEFORE UPDATE OR DELETE ON core_auditentry
FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()
""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
]


def _run(schema_editor: Any, *, sqlite: list[str], postgres: list[str]) -> None:
    statements = {"sqlite": sqlite, "postgresql": postgres}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create_triggers(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, sqlite=SQLITE_CREATE, postgres=POSTGRES_CREATE)


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, sqlite=SQLITE_DROP, postgres=POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
