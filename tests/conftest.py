"""Shared personas: one per role, plus users of another province for leak tests."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import Role, User
from peduliham.regions.models import OrgUnit, Region, ServiceKind, UnitKind
from peduliham.regions.services import create_org_unit

PASSWORD = "rahasia-yang-panjang-2025"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _temporary_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files tests store (certificate PDFs) go to a temporary folder, never var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """PBKDF2 takes about a second a hash on these machines; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def jambi(db: None) -> Region:
    return Region.objects.get(code="15", valid_until__isnull=True)


@pytest.fixture
def kota_jambi(db: None) -> Region:
    return Region.objects.get(code="15.71", valid_until__isnull=True)


@pytest.fixture
def riau(db: None) -> Region:
    return Region.objects.get(code="14", valid_until__isnull=True)


@pytest.fixture
def kota_pekanbaru(db: None) -> Region:
    return Region.objects.get(code="14.71", valid_until__isnull=True)


@pytest.fixture
def dinkes_jambi(kota_jambi: Region) -> OrgUnit:
    return create_org_unit(
        None, region=kota_jambi, name="Dinas Kesehatan", kind=UnitKind.OPD, short_name="Dinkes"
    )


@pytest.fixture
def puskesmas_simpang_kawat(dinkes_jambi: OrgUnit) -> OrgUnit:
    return create_org_unit(
        None,
        region=dinkes_jambi.region,
        parent=dinkes_jambi,
        name="Puskesmas Simpang Kawat",
        kind=UnitKind.SERVICE_UNIT,
        service_kind=ServiceKind.PUSKESMAS,
        is_public_facing=True,
    )


@pytest.fixture
def disdik_jambi(kota_jambi: Region) -> OrgUnit:
    return create_org_unit(None, region=kota_jambi, name="Dinas Pendidikan", kind=UnitKind.OPD)


@pytest.fixture
def dinkes_pekanbaru(kota_pekanbaru: Region) -> OrgUnit:
    return create_org_unit(None, region=kota_pekanbaru, name="Dinas Kesehatan", kind=UnitKind.OPD)


def make_user(username: str, role: Role, **anchor: Any) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, role=role, **anchor)


@pytest.fixture
def admin_pusat(db: None) -> User:
    return make_user("admin_pusat", Role.NATIONAL_ADMIN, first_name="Admin", last_name="Pusat")


@pytest.fixture
def operator_kanwil_jambi(jambi: Region) -> User:
    return make_user("operator_kanwil_jambi", Role.KANWIL_OPERATOR, region=jambi)


@pytest.fixture
def operator_kanwil_riau(riau: Region) -> User:
    return make_user("operator_kanwil_riau", Role.KANWIL_OPERATOR, region=riau)


@pytest.fixture
def admin_pemkot_jambi(kota_jambi: Region) -> User:
    return make_user("admin_pemkot_jambi", Role.PEMDA_ADMIN, region=kota_jambi)


@pytest.fixture
def admin_pemkot_pekanbaru(kota_pekanbaru: Region) -> User:
    return make_user("admin_pemkot_pekanbaru", Role.PEMDA_ADMIN, region=kota_pekanbaru)


@pytest.fixture
def admin_dinkes_jambi(dinkes_jambi: OrgUnit) -> User:
    return make_user("admin_dinkes_jambi", Role.OPD_ADMIN, org_unit=dinkes_jambi)


@pytest.fixture
def peserta_budi(db: None) -> User:
    return make_user("peserta_budi", Role.PARTICIPANT, first_name="Budi", last_name="Santoso")


@pytest.fixture
def logged_in() -> Callable[[User], Client]:
    """A function that returns a test client logged in as the given user (2FA passed)."""

    def login(user: User) -> Client:
        client = Client()
        client.force_login(user)
        if user.requires_two_factor:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return login
