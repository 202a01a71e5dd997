"""A logged-in user is read from the shared cache, and any change through the ORM drops it."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from peduliham.accounts import usercache
from peduliham.accounts.models import User
from tests.accounts.helpers import LoggedIn
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def shared_cache() -> Iterator[None]:
    with override_settings(CACHES=LOCAL, SESSION_ENGINE=CACHED_DB, USER_CACHE_SECONDS=300):
        cache.clear()
        yield
        cache.clear()
    # Some tests change the migration records, rolled back after them: read them again.
    usercache.connection_created(sender=None, connection=connections["default"])


def page(client: Client) -> int:
    """A page only a logged-in user may open: 200, or 302 to the log-in page."""
    return client.get(reverse("accounts:password_change")).status_code


def test_a_logged_in_request_reads_the_user_from_the_cache(
    shared_cache: None, logged_in: LoggedIn, peserta_budi: User, django_assert_num_queries: Any
) -> None:
    client = logged_in(peserta_budi)
    assert page(client) == 200
    assert usercache.read(peserta_budi.pk) == peserta_budi

    with django_assert_num_queries(0):  # neither the session nor the user row
        response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == peserta_budi.pk


def test_without_a_shared_cache_nothing_is_cached(logged_in: LoggedIn, peserta_budi: User) -> None:
    assert page(logged_in(peserta_budi)) == 200
    assert usercache.read(peserta_budi.pk) is None


def test_deactivating_by_save_ends_the_session_at_once(
    shared_cache: None, logged_in: LoggedIn, peserta_budi: User
) -> None:
    client = logged_in(peserta_budi)
    assert page(client) == 200
    peserta_budi.is_active = False
    peserta_budi.save()
    assert page(client) == 302


def test_deactivating_by_a_queryset_update_ends_the_session_at_once(
    shared_cache: None, logged_in: LoggedIn, peserta_budi: User
) -> None:
    client = logged_in(peserta_budi)
    assert page(client) == 200
    assert User.objects.filter(username="peserta_budi").update(is_active=False) == 1
    assert page(client) == 302


def test_a_new_password_ends_the_other_sessions(shared_cache: None, peserta_budi: User) -> None:
    phone = Client()
    assert phone.login(username="peserta_budi", password=PASSWORD)
    assert page(phone) == 200
    peserta_budi.set_password("kata-sandi-baru-yang-kuat-77")
    peserta_budi.save()
    assert page(phone) == 302


def test_a_deleted_user_is_logged_out(
    shared_cache: None, logged_in: LoggedIn, peserta_budi: User
) -> None:
    client = logged_in(peserta_budi)
    assert page(client) == 200
    User.objects.filter(pk=peserta_budi.pk).delete()
    assert page(client) == 302
    assert usercache.read(peserta_budi.pk) is None


def test_a_cached_copy_of_an_inactive_user_is_refused(
    shared_cache: None, logged_in: LoggedIn, peserta_budi: User
) -> None:
    """Even a copy that escaped invalidation (a raw SQL change) never logs in an inactive user."""
    client = logged_in(peserta_budi)
    peserta_budi.is_active = False
    usercache.remember(peserta_budi)
    assert page(client) == 302


def test_a_database_created_again_under_the_same_name_reads_none_of_the_old_copies(
    shared_cache: None, peserta_budi: User
) -> None:
    """A staging reset or a benchmark's throwaway database: same address, migrated anew.

    Its user with the same number may be somebody else; the old copy must not be read.
    """
    usercache.remember(peserta_budi)
    assert usercache.read(peserta_budi.pk) == peserta_budi
    before = usercache.prefix()
    later = timezone.now() + datetime.timedelta(days=1)
    MigrationRecorder.Migration.objects.update(applied=later)  # migrated anew
    usercache.connection_created(sender=None, connection=connections["default"])  # a new connection
    assert usercache.prefix() != before
    assert usercache.read(peserta_budi.pk) is None


def test_the_identity_is_read_once_per_connection(
    shared_cache: None, peserta_budi: User, django_assert_num_queries: Any
) -> None:
    usercache.connection_created(sender=None, connection=connections["default"])
    with django_assert_num_queries(1):
        first = usercache.prefix()
        assert usercache.prefix() == first


def test_another_database_on_the_same_cache_reads_its_own_users(
    shared_cache: None, peserta_budi: User
) -> None:
    """A second deployment sharing the Redis, migrated at the same moment."""
    usercache.remember(peserta_budi)
    here = usercache.prefix()
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = f"{name}_elsewhere"
    usercache.connection_created(sender=None, connection=connections["default"])
    try:
        elsewhere = usercache.prefix()
        assert usercache.read(peserta_budi.pk) is None
    finally:
        connection.settings_dict["NAME"] = name
        usercache.connection_created(sender=None, connection=connections["default"])
    assert elsewhere != here
    assert usercache.read(peserta_budi.pk) == peserta_budi


def test_a_database_without_migration_records_caches_nothing(
    shared_cache: None, logged_in: LoggedIn, peserta_budi: User
) -> None:
    MigrationRecorder.Migration.objects.all().delete()
    usercache.connection_created(sender=None, connection=connections["default"])
    assert page(logged_in(peserta_budi)) == 200
    usercache.remember(peserta_budi)
    assert usercache.read(peserta_budi.pk) is None
