"""Errors that services raise: each carries a stable code and a translatable message."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the domain was broken; `code` is stable, `message` is for people."""

    code: str = "domain_error"

    def __init__(self, message: str | Promise, *, code: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code


class PermissionDenied(DomainError):
    """The acting user may not do this (outside their scope or role)."""

    code = "permission_denied"


class NotFound(DomainError):
    code = "not_found"
