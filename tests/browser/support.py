"""Constants and helpers shared by the browser tests (fixtures live in conftest.py)."""

from typing import Any

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright._impl._api_structures import SetCookieParam
from playwright.sync_api import ViewportSize

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
NARROW: ViewportSize = {"width": 320, "height": 640}


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per axe violation: rule, impact, help text and the offending nodes."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


def verified_session_cookies(user: Any, base_url: str) -> list[SetCookieParam]:
    """The cookies of a logged-in session of `user`, its second factor already passed.

    Like conftest's session_cookies, for the roles that must use 2FA (national
    admin, Kanwil operator): the session names a confirmed TOTP device.
    """
    client = Client()
    client.force_login(user)
    if user.requires_two_factor:
        device = TOTPDevice.objects.create(user=user, name="browser", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": base_url}]
