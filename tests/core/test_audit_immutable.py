from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from peduliham.accounts.models import User
from peduliham.core.audit import log_action
from peduliham.core.models import AuditEntry


@pytest.fixture
def entry(peserta_budi: User) -> AuditEntry:
    return log_action(peserta_budi, "peduliham.test.happened", region_code="15.71")


def raw(sql: str, *params: Any) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_rejects_a_raw_update(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match="cannot be changed"):
        raw("UPDATE core_auditentry SET action = %s WHERE id = %s", "diubah", entry.pk)
    entry.refresh_from_db()
    assert entry.action == "peduliham.test.happened"


def test_the_database_rejects_moving_an_entry_to_another_scope(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError):
        raw("UPDATE core_auditentry SET region_code = %s WHERE id = %s", "14.71", entry.pk)


def test_the_database_rejects_changing_the_actor(entry: AuditEntry, admin_pusat: User) -> None:
    with pytest.raises(DatabaseError):
        raw("UPDATE core_auditentry SET actor_id = %s WHERE id = %s", admin_pusat.pk, entry.pk)


def test_deleting_a_user_keeps_their_entries_by_name(entry: AuditEntry, peserta_budi: User) -> None:
    User.objects.filter(pk=peserta_budi.pk).delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_name == "peserta_budi"


def test_the_database_rejects_a_raw_delete_on_postgresql(entry: AuditEntry) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE open for the test database flush")
    with pytest.raises(DatabaseError, match="cannot be changed"):
        raw("DELETE FROM core_auditentry WHERE id = %s", entry.pk)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_model_refuses_to_save_or_delete_an_entry(entry: AuditEntry) -> None:
    entry.action = "diubah"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="diubah")
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


# serialized_rollback puts the regions loaded by migration back after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_test_database_can_still_be_flushed_after_entries_exist() -> None:
    # SQLite flushes with DELETE (no trigger on DELETE there); PostgreSQL with TRUNCATE.
    log_action(None, "peduliham.test.happened")
    assert AuditEntry.objects.count() == 1
