"""Authentication that honours the lock-out after repeated failed log-ins."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from peduliham.accounts import usercache
from peduliham.accounts.models import User


class LockoutModelBackend(ModelBackend):
    """Django's username/password check, refused while the account is locked.

    The password is still checked during a lock-out so that the time taken
    does not tell a locked account from a wrong password. Existing sessions
    are left alone: the lock only stops new log-ins, so failed guesses by
    someone else cannot throw the real user out.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        from peduliham.accounts.services import is_locked

        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or is_locked(user):
            return None
        return user

    def get_user(self, user_id: Any) -> User | None:
        """The session's user, from the shared user cache when there is one
        (accounts.usercache); an inactive user is never returned."""
        if not usercache.enabled():
            return super().get_user(user_id)
        user = usercache.read(user_id)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                usercache.remember(user)
            return user
        return user if self.user_can_authenticate(user) else None
