"""The logged-in user read from the shared cache rather than the database on each request.

With a shared cache (CACHE_URL, Redis for every web process) a logged-in request
otherwise still loads its user row: on exam day that was about a quarter of the
time of each saved answer. The cached copy is dropped whenever the user changes
through the ORM (save, delete, QuerySet.update and bulk_update), so a deactivated
account or a changed password ends every session at once, as before. Only a change
written in raw SQL is seen late, after at most USER_CACHE_SECONDS.

The keys name the database by its identity, not only by its address: the moment it
was first migrated (the oldest row of `django_migrations`). A database dropped and
created again under the same name (a staging reset, a benchmark's throwaway database)
is migrated anew and so never reads the copies the previous one left in Redis, whose
password hashes would no longer match its sessions, or whose user 7 is somebody else.
A database without migration records (tables made without migrations) caches nothing.

Without a shared cache USER_CACHE_SECONDS is 0 and nothing is cached: a copy in one
process's memory could outlive a deactivation made in another process.
"""

import hashlib
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

if TYPE_CHECKING:
    from peduliham.accounts.models import User

#: The key prefix of each open database connection, read once per connection.
_prefixes: "weakref.WeakKeyDictionary[BaseDatabaseWrapper, str | None]" = (
    weakref.WeakKeyDictionary()
)


def enabled() -> bool:
    return int(getattr(settings, "USER_CACHE_SECONDS", 0)) > 0


def _identity(connection: BaseDatabaseWrapper) -> str | None:
    """When this database was first migrated, or None when it has no migration records."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(applied) FROM django_migrations")
        row = cursor.fetchone()
    return None if row is None or row[0] is None else str(row[0])


def prefix() -> str | None:
    """`peduliham:user:<digest>:` for the database the users live in, or None (no caching).

    The digest covers the database's address, its identity (see the module docstring)
    and the user table's columns, so a deployment that changes them reads none of the
    copies pickled before.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.connection is not None and connection in _prefixes:
        return _prefixes[connection]
    from peduliham.accounts.models import User

    identity = _identity(connection)  # opens the connection when it is not
    found: str | None = None
    if identity is not None:
        where = connection.settings_dict
        columns = ",".join(field.attname for field in User._meta.concrete_fields)
        parts = (str(where["HOST"] or ""), str(where["PORT"] or ""), str(where["NAME"]))
        text = "\x1f".join((*parts, identity, columns))
        found = f"peduliham:user:{hashlib.blake2b(text.encode(), digest_size=8).hexdigest()}:"
    _prefixes[connection] = found
    return found


def connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """A new connection may reach another database (recreated meanwhile): read it again."""
    _prefixes.pop(connection, None)


def read(pk: Any) -> "User | None":
    start = prefix()
    if start is None:
        return None
    user: User | None = cache.get(f"{start}{pk}")
    return user


def remember(user: "User") -> None:
    start = prefix()
    if start is not None:
        cache.set(f"{start}{user.pk}", user, int(settings.USER_CACHE_SECONDS))


def forget(pks: Iterable[Any]) -> None:
    if enabled() and (start := prefix()) is not None:
        cache.delete_many([f"{start}{pk}" for pk in pks])


def forget_saved(sender: Any, instance: "User", **kwargs: Any) -> None:
    """post_save / post_delete receiver."""
    forget([instance.pk])
