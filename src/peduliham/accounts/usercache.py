"""The logged-in user read from the shared cache rather than the database on each request.

With a shared cache (CACHE_URL, Redis for every web process) a logged-in request
otherwise still loads its user row: on exam day that was about a quarter of the
time of each saved answer. The cached copy is dropped whenever the user changes
through the ORM (save, delete, QuerySet.update and bulk_update), so a deactivated
account or a changed password ends every session at once, as before. Only a change
written in raw SQL is seen late, after at most USER_CACHE_SECONDS.

Without a shared cache USER_CACHE_SECONDS is 0 and nothing is cached: a copy in one
process's memory could outlive a deactivation made in another process.
"""

import functools
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

if TYPE_CHECKING:
    from peduliham.accounts.models import User


def enabled() -> bool:
    return int(getattr(settings, "USER_CACHE_SECONDS", 0)) > 0


@functools.cache
def _namespace(database: tuple[str, str, str]) -> str:
    """A short digest of the database the users live in and of the user table's columns.

    Two deployments (or a throwaway benchmark database) sharing one Redis never read each
    other's user 1, and a deployment that changes the columns reads none of the copies
    pickled before it.
    """
    from peduliham.accounts.models import User

    columns = ",".join(field.attname for field in User._meta.concrete_fields)
    text = "\x1f".join((*database, columns))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def key(pk: Any) -> str:
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    where = (str(database["HOST"] or ""), str(database["PORT"] or ""), str(database["NAME"]))
    return f"peduliham:user:{_namespace(where)}:{pk}"


def read(pk: Any) -> "User | None":
    user: User | None = cache.get(key(pk))
    return user


def remember(user: "User") -> None:
    cache.set(key(user.pk), user, int(settings.USER_CACHE_SECONDS))


def forget(pks: Iterable[Any]) -> None:
    if enabled():
        cache.delete_many([key(pk) for pk in pks])


def forget_saved(sender: Any, instance: "User", **kwargs: Any) -> None:
    """post_save / post_delete receiver."""
    forget([instance.pk])
