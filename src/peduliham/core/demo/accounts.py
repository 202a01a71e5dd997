"""One demo account per role, anchored in Kota Jambi (and Riau, to show scopes hold).

The national and Kanwil accounts need a one-time password after the password:
each gets a confirmed TOTP device named "demo" with the fixed key below, so a
code can be read from any authenticator app or from `peduliham otp_code USERNAME`.
Nothing here is secret: these accounts exist only in demo databases.
"""

import base64
import binascii
import functools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import TWO_FACTOR_ROLES, Role, User
from peduliham.accounts.services import AUDITED_USER_FIELDS, create_user
from peduliham.core.audit import log_action, snapshot
from peduliham.core.demo.kota_jambi import KOTA_JAMBI_CODE, current_region
from peduliham.core.demo.registry import StepReport, demo_step
from peduliham.regions.models import OrgUnit

DEMO_PASSWORD = "jambi-bahagia-2025"  # noqa: S105 - documented demo password
DEMO_TOTP_DEVICE_NAME = "demo"
#: The hex key of every demo TOTP device (20 bytes: b"peduliham-demo-totp!").
DEMO_TOTP_KEY = "706564756c6968616d2d64656d6f2d746f747021"
#: The same key as authenticator apps want it (base32, the otpauth `secret`).
DEMO_TOTP_SECRET = base64.b32encode(binascii.unhexlify(DEMO_TOTP_KEY)).decode()


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: Role
    first_name: str
    last_name: str
    scope: str
    region_code: str = ""
    #: Names from the top of the region's unit tree down to the user's unit.
    unit_names: tuple[str, ...] = ()

    @property
    def requires_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES


DEMO_ACCOUNTS = (
    DemoAccount("admin_pusat", Role.NATIONAL_ADMIN, "Admin", "Pusat", "Seluruh Indonesia"),
    DemoAccount(
        "kanwil_jambi", Role.KANWIL_OPERATOR, "Operator", "Kanwil Jambi", "Provinsi Jambi", "15"
    ),
    DemoAccount(
        "pemkot_jambi", Role.PEMDA_ADMIN, "Admin", "Pemkot Jambi", "Kota Jambi", KOTA_JAMBI_CODE
    ),
    DemoAccount(
        "dinkes_jambi",
        Role.OPD_ADMIN,
        "Admin",
        "Dinkes Kota Jambi",
        "Dinas Kesehatan Kota Jambi",
        KOTA_JAMBI_CODE,
        ("Dinas Kesehatan",),
    ),
    DemoAccount("peserta_jambi", Role.PARTICIPANT, "Siti", "Rahmawati", "Data diri sendiri"),
    DemoAccount(
        "kanwil_riau", Role.KANWIL_OPERATOR, "Operator", "Kanwil Riau", "Provinsi Riau", "14"
    ),
)


def demo_unit(region_code: str, names: tuple[str, ...]) -> OrgUnit:
    """The unit reached by following `names` down a region's tree."""
    region = current_region(region_code)
    unit: OrgUnit | None = None
    for name in names:
        unit = OrgUnit.objects.get(region=region, parent=unit, name=name)
    if unit is None:
        raise ValueError("an account anchored in a unit names at least one unit")
    return unit


@functools.cache
def demo_password_hash() -> str:
    """The demo password hashed once: hashing is deliberately slow."""
    return make_password(DEMO_PASSWORD)


def _filed_under(user: User) -> dict[str, str]:
    unit = user.org_unit
    region = unit.region if unit is not None else user.region
    return {
        "region_code": region.code if region is not None else "",
        "unit_path": unit.path if unit is not None else "",
    }


def create_national_admin(account: DemoAccount) -> User:
    """The first national admin, who has no one above to create them (like createsuperuser)."""
    user = User.objects.create(
        username=account.username,
        password=demo_password_hash(),
        first_name=account.first_name,
        last_name=account.last_name,
        role=Role.NATIONAL_ADMIN,
        is_staff=True,
        is_superuser=True,
    )
    log_action(
        None,
        "peduliham.user.created",
        user,
        changes=snapshot(user, AUDITED_USER_FIELDS),
        **_filed_under(user),
    )
    return user


def create_demo_account(account: DemoAccount, *, national_admin: User) -> User:
    """An account created by the national admin through the accounts service."""
    region = current_region(account.region_code) if account.region_code else None
    unit = demo_unit(account.region_code, account.unit_names) if account.unit_names else None
    return create_user(
        national_admin,
        username=account.username,
        password=DEMO_PASSWORD,
        role=account.role,
        region=None if unit is not None else region,
        org_unit=unit,
        first_name=account.first_name,
        last_name=account.last_name,
    )


def ensure_demo_totp_device(user: User) -> bool:
    """Give a 2FA account its confirmed demo device; False when it already has one."""
    if TOTPDevice.objects.filter(user=user, name=DEMO_TOTP_DEVICE_NAME).exists():
        return False
    TOTPDevice.objects.create(
        user=user, name=DEMO_TOTP_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True
    )
    log_action(
        None,
        "peduliham.user.two_factor_enrolled",
        user,
        changes={"device": DEMO_TOTP_DEVICE_NAME, "demo": True},
        **_filed_under(user),
    )
    return True


@demo_step("accounts.demo_accounts", order=200)
def load_demo_accounts() -> StepReport:
    """One account per role, with a TOTP device for the roles that need 2FA."""
    report = StepReport()
    existing = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    national_admin: User | None = None
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            user = User.objects.get(username=account.username)
        elif account.role == Role.NATIONAL_ADMIN:
            user = create_national_admin(account)
            report.created += 1
        else:
            if national_admin is None:
                national_admin = User.objects.get(username=DEMO_ACCOUNTS[0].username)
            user = create_demo_account(account, national_admin=national_admin)
            report.created += 1
        if account.requires_two_factor and ensure_demo_totp_device(user):
            report.created += 1
    return report
