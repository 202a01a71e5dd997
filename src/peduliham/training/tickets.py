"""Personal tickets: a signed code in the QR, and a signed link to the ticket page.

The QR code is `PH1.<event id>.<enrollment id>.<signature>` where the
signature is Ed25519 over `PH1.<event id>.<enrollment id>`. The key pair is
derived from SECRET_KEY, so every web process and worker agrees on it without
another secret to manage; the public key is handed to the check-in desk page,
which can then tell a forged ticket from a genuine one without the network.
The server checks the signature again when it records the check-in.

The e-mailed link to the ticket page carries a Django signed token instead,
so a participant needs no account to open their ticket.
"""

import base64
import binascii
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core import signing

PREFIX = "PH1"
LINK_SALT = "peduliham.training.ticket-link"


@dataclass(frozen=True, slots=True)
class TicketCode:
    event_id: int
    enrollment_id: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@cache
def _private_key(secret: str) -> Ed25519PrivateKey:
    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"peduliham ticket signing key v1"
    ).derive(secret.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def _key() -> Ed25519PrivateKey:
    return _private_key(settings.SECRET_KEY)


def public_key_b64() -> str:
    """The raw 32-byte public key, base64url, for scanners that verify offline."""
    public: Ed25519PublicKey = _key().public_key()
    return _b64(public.public_bytes(Encoding.Raw, PublicFormat.Raw))


def ticket_code(*, event_id: int, enrollment_id: int) -> str:
    """The text put in a participant's QR code."""
    message = f"{PREFIX}.{event_id}.{enrollment_id}"
    return f"{message}.{_b64(_key().sign(message.encode('ascii')))}"


def read_ticket_code(text: str) -> TicketCode | None:
    """The event and enrollment of a genuine code; None for anything forged or malformed."""
    parts = text.strip().split(".")
    if len(parts) != 4 or parts[0] != PREFIX or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    message = ".".join(parts[:3]).encode("ascii")
    try:
        _key().public_key().verify(_unb64(parts[3]), message)
    except (InvalidSignature, binascii.Error, ValueError):
        return None
    return TicketCode(event_id=int(parts[1]), enrollment_id=int(parts[2]))


def ticket_link_token(enrollment_id: int) -> str:
    """The token in the e-mailed link to a participant's ticket page."""
    return signing.dumps(enrollment_id, salt=LINK_SALT, compress=False)


def read_ticket_link_token(token: str) -> int | None:
    """The enrollment id of a genuine link token, else None."""
    try:
        value = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
