"""Helpers shared by the account tests."""

from collections.abc import Callable

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry


def current_token(device: TOTPDevice) -> str:
    """The code an authenticator app would show for `device` right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def actions(*, object_id: object = None) -> list[str]:
    """Audit action codes, oldest first (optionally for one object)."""
    entries = AuditEntry.objects.order_by("id")
    if object_id is not None:
        entries = entries.filter(object_id=str(object_id))
    return list(entries.values_list("action", flat=True))


#: The type of the `logged_in` fixture: a client for the given user, past 2FA.
type LoggedIn = Callable[[User], Client]
