"""Changes to accounts: users, roles, log-in state and 2FA devices. Each writes an audit entry."""

import datetime
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import Role, User
from peduliham.core.audit import diff, log_action, snapshot
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.regions.models import OrgUnit, Region

#: The fields whose changes the audit trail records for a user.
AUDITED_USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "region",
    "org_unit",
    "is_active",
    "is_staff",
    "is_superuser",
)

#: The name of the TOTP device a user enrols through the web pages.
TOTP_DEVICE_NAME = "peduliham"


class AccountError(DomainError):
    code = "account_error"


class FiledUnder(TypedDict):
    region_code: str
    unit_path: str


def _scope_of(user: User) -> FiledUnder:
    """The region code and unit path the user's audit entries are filed under."""
    if user.org_unit is not None:
        return {"region_code": user.org_unit.region.code, "unit_path": user.org_unit.path}
    if user.region is not None:
        return {"region_code": user.region.code, "unit_path": ""}
    return {"region_code": "", "unit_path": ""}


def _check_anchor(role: Role, region: Region | None, org_unit: OrgUnit | None) -> None:
    """Raises AccountError(code="invalid_anchor") when the role and its anchor do not fit."""
    fits = {
        Role.NATIONAL_ADMIN: region is None and org_unit is None,
        Role.KANWIL_OPERATOR: org_unit is None and region is not None and region.is_province,
        Role.PEMDA_ADMIN: org_unit is None and region is not None and not region.is_province,
        Role.OPD_ADMIN: org_unit is not None and region is None,
        Role.PARTICIPANT: True,  # scoped to themselves; an anchor only files their entries
    }[role]
    if not fits:
        raise AccountError(_("Wilayah atau unit tidak sesuai dengan peran."), code="invalid_anchor")


def _require_national_admin(actor: User | None) -> None:
    """Account management is for national admins, or the system itself (actor None)."""
    if actor is not None and not (actor.is_active and actor.role == Role.NATIONAL_ADMIN):
        raise PermissionDenied(_("Hanya admin nasional yang boleh mengelola akun."))


@transaction.atomic
def create_user(
    actor: User | None,
    *,
    username: str,
    password: str,
    role: Role,
    region: Region | None = None,
    org_unit: OrgUnit | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create an account.

    Errors: permission_denied, invalid_anchor, username_taken, weak_password.
    """
    _require_national_admin(actor)
    _check_anchor(role, region, org_unit)
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Nama pengguna sudah dipakai."), code="username_taken")
    user = User(
        username=username,
        role=role,
        region=region,
        org_unit=org_unit,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), code="weak_password") from exc
    user.set_password(password)
    user.save()
    log_action(
        actor,
        "peduliham.user.created",
        user,
        changes=snapshot(user, AUDITED_USER_FIELDS),
        **_scope_of(user),
    )
    return user


@transaction.atomic
def change_role(
    actor: User | None,
    *,
    user: User,
    role: Role,
    region: Region | None = None,
    org_unit: OrgUnit | None = None,
) -> User:
    """Give a user another role and anchor; errors: permission_denied, invalid_anchor."""
    _require_national_admin(actor)
    _check_anchor(role, region, org_unit)
    before = snapshot(user, AUDITED_USER_FIELDS)
    user.role, user.region, user.org_unit = role, region, org_unit
    user.save(update_fields=["role", "region", "org_unit"])
    log_action(
        actor,
        "peduliham.user.role_changed",
        user,
        changes=diff(before, snapshot(user, AUDITED_USER_FIELDS)),
        **_scope_of(user),
    )
    return user


@transaction.atomic
def deactivate_user(actor: User | None, *, user: User) -> User:
    """Close an account (never deleted); errors: permission_denied, self_deactivation."""
    _require_national_admin(actor)
    if actor is not None and user.pk == actor.pk:
        raise AccountError(
            _("Anda tidak dapat menonaktifkan akun sendiri."), code="self_deactivation"
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    log_action(
        actor,
        "peduliham.user.deactivated",
        user,
        changes={"is_active": [True, False]},
        **_scope_of(user),
    )
    return user


def record_user_saved_in_admin(actor: User, *, user: User, before: dict[str, Any] | None) -> None:
    """Audit a change made through the Django admin (`before` is None for a new user)."""
    after = snapshot(user, AUDITED_USER_FIELDS)
    if before is None:
        log_action(actor, "peduliham.user.created", user, changes=after, **_scope_of(user))
    elif changes := diff(before, after):
        log_action(actor, "peduliham.user.changed", user, changes=changes, **_scope_of(user))


@transaction.atomic
def change_password(user: User, *, new_password: str) -> User:
    """Set a new password the user chose (already validated by the form)."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    log_action(user, "peduliham.user.password_changed", user, **_scope_of(user))
    return user


# Log-in, log-out and lock-out


def is_locked(user: User, *, now: datetime.datetime | None = None) -> bool:
    """Whether repeated failed log-ins currently keep this user out."""
    return user.locked_until is not None and user.locked_until > (now or timezone.now())


@transaction.atomic
def record_failed_login(*, username: str) -> User | None:
    """Count a failed log-in; the limit-th failure in a row locks the account for a while.

    Unknown usernames are ignored (and return None). A locked account is not
    counted further, so failures during the lock-out do not extend it.
    """
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        return None
    now = timezone.now()
    if is_locked(user, now=now):
        return user
    user.failed_login_count += 1
    scope = _scope_of(user)
    log_action(
        None,
        "peduliham.user.login_failed",
        user,
        changes={"failed_login_count": user.failed_login_count},
        **scope,
    )
    if user.failed_login_count >= settings.LOGIN_FAILURE_LIMIT:
        user.locked_until = now + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        user.failed_login_count = 0
        log_action(
            None,
            "peduliham.user.locked",
            user,
            changes={"locked_until": user.locked_until.isoformat()},
            **scope,
        )
    user.save(update_fields=["failed_login_count", "locked_until"])
    return user


@transaction.atomic
def record_successful_login(user: User) -> User:
    """Clear the failure count after a good password and audit the log-in."""
    if user.failed_login_count or user.locked_until is not None:
        user.failed_login_count = 0
        user.locked_until = None
        user.save(update_fields=["failed_login_count", "locked_until"])
    log_action(user, "peduliham.user.logged_in", user, **_scope_of(user))
    return user


def record_logout(user: User) -> None:
    """Audit a log-out."""
    log_action(user, "peduliham.user.logged_out", user, **_scope_of(user))


@transaction.atomic
def unlock_user(actor: User | None, *, user: User) -> User:
    """Lift a lock-out before it ends; errors: permission_denied."""
    _require_national_admin(actor)
    user.failed_login_count = 0
    user.locked_until = None
    user.save(update_fields=["failed_login_count", "locked_until"])
    log_action(actor, "peduliham.user.unlocked", user, **_scope_of(user))
    return user


# Two-factor authentication (TOTP)


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if they have enrolled one."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    )
    return device


@transaction.atomic
def start_totp_enrolment(user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the user scans; reused until confirmed."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _check_token(device: TOTPDevice, token: str) -> TOTPDevice:
    """Verify a code on a locked row; the throttle counts a failure even though we then raise."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        verified = locked.verify_token(token.strip())
    if not verified:
        raise AccountError(_("Kode tidak valid atau sudah kedaluwarsa."), code="invalid_token")
    return locked


def confirm_totp_device(user: User, *, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm an enrolment with the first code; errors: already_enrolled, invalid_token."""
    if confirmed_totp_device(user) is not None:
        raise AccountError(_("Autentikasi dua langkah sudah aktif."), code="already_enrolled")
    if device.user_id != user.pk:
        raise PermissionDenied(_("Perangkat ini bukan milik Anda."))
    device = _check_token(device, token)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        log_action(user, "peduliham.user.two_factor_enrolled", user, **_scope_of(user))
    return device


@transaction.atomic
def register_totp_device(
    actor: User | None, *, user: User, name: str, key: str | None = None
) -> TOTPDevice:
    """Add a confirmed TOTP device (e.g. the demo accounts' device with a known hex key).

    Errors: permission_denied.
    """
    _require_national_admin(actor)
    device: TOTPDevice = TOTPDevice(user=user, name=name, confirmed=True)
    if key is not None:
        device.key = key
    device.full_clean()
    device.save()
    log_action(
        actor,
        "peduliham.user.two_factor_enrolled",
        user,
        changes={"device": name},
        **_scope_of(user),
    )
    return device


def verify_totp_token(user: User, *, token: str) -> TOTPDevice:
    """The confirmed device that accepts this code; errors: not_enrolled, invalid_token."""
    device = confirmed_totp_device(user)
    if device is None:
        raise AccountError(_("Autentikasi dua langkah belum aktif."), code="not_enrolled")
    return _check_token(device, token)


@transaction.atomic
def reset_two_factor(actor: User | None, *, user: User) -> int:
    """Remove a user's TOTP devices (a lost phone) to enrol again; errors: permission_denied."""
    _require_national_admin(actor)
    removed: int = TOTPDevice.objects.filter(user=user).delete()[0]
    log_action(
        actor,
        "peduliham.user.two_factor_reset",
        user,
        changes={"devices": removed},
        **_scope_of(user),
    )
    return removed
