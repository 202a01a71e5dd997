"""`peduliham demo`: Kota Jambi's organisation and one account per role, loaded idempotently."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import Role, User
from peduliham.accounts.scoping import scope_for
from peduliham.core.demo import StepReport, load_demo, registry
from peduliham.core.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from peduliham.core.demo.kota_jambi import KECAMATAN, PUSKESMAS
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, OrgUnitQuerySet, ServiceKind, UnitKind

pytestmark = pytest.mark.django_db
#: Steps with their own tests in their apps (tests/people, tests/training): loading 10,000
#: ASN, two events, their tests and certificates would make each test here take a minute.
HEAVY_STEPS = ("people.", "training.", "assessment.", "certificates.")


@pytest.fixture(autouse=True)
def _loader_and_city_steps_only(monkeypatch: pytest.MonkeyPatch) -> None:
    every_step = registry.registered_steps
    monkeypatch.setattr(
        registry,
        "registered_steps",
        lambda: [step for step in every_step() if not step.name.startswith(HEAVY_STEPS)],
    )


@pytest.fixture
def demo() -> None:
    load_demo()


def row_counts() -> dict[str, int]:
    return {
        "units": OrgUnit.objects.count(),
        "users": User.objects.count(),
        "devices": TOTPDevice.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def kota_jambi_units() -> OrgUnitQuerySet:
    return OrgUnit.objects.filter(region__code="15.71")


def test_running_the_demo_twice_changes_nothing(demo: None) -> None:
    before = row_counts()

    results = load_demo()

    assert row_counts() == before
    assert all(report.created == 0 for _, report in results)


def test_it_fills_an_empty_database_with_units_accounts_and_their_audit_entries() -> None:
    before = row_counts()

    results = load_demo()

    after = row_counts()
    assert after["units"] - before["units"] > 150
    assert after["users"] - before["users"] == len(DEMO_ACCOUNTS)
    assert after["audit"] - before["audit"] >= after["units"] - before["units"]
    assert sum(report.created for _, report in results) > 150


def test_kota_jambi_has_its_eleven_kecamatan_offices_serving_the_public(demo: None) -> None:
    offices = kota_jambi_units().filter(service_kind=ServiceKind.KECAMATAN)

    assert sorted(offices.values_list("name", flat=True)) == sorted(
        f"Kecamatan {name}" for name in KECAMATAN
    )
    assert all(office.kind == UnitKind.OPD and office.is_public_facing for office in offices)
    assert len(KECAMATAN) == 11


def test_puskesmas_are_public_facing_service_units_under_dinas_kesehatan(demo: None) -> None:
    dinkes = kota_jambi_units().get(name="Dinas Kesehatan", parent=None)
    puskesmas = OrgUnit.objects.subtree(dinkes.path).filter(service_kind=ServiceKind.PUSKESMAS)

    assert puskesmas.count() == len(PUSKESMAS)
    assert set(puskesmas.values_list("kind", "is_public_facing", "parent")) == {
        (UnitKind.SERVICE_UNIT, True, dinkes.pk)
    }


def test_schools_sit_under_dinas_pendidikan(demo: None) -> None:
    disdik = kota_jambi_units().get(name="Dinas Pendidikan", parent=None)
    schools = OrgUnit.objects.subtree(disdik.path).filter(service_kind=ServiceKind.SCHOOL)

    assert schools.filter(name="SD Negeri 1/IV Kota Jambi").exists()
    assert schools.filter(name="SMP Negeri 1 Kota Jambi").exists()
    assert not kota_jambi_units().filter(service_kind=ServiceKind.SCHOOL).exclude(pk__in=schools)


def test_the_city_has_its_standard_agencies(demo: None) -> None:
    top_level = set(kota_jambi_units().filter(parent=None).values_list("short_name", flat=True))

    for short_name in (
        "Setda",
        "Setwan",
        "Inspektorat",
        "Bappeda",
        "BKPSDM",
        "BPKPD",
        "Dinkes",
        "Disdik",
        "Dinsos",
        "Disdukcapil",
        "DP3A",
        "Satpol PP",
        "DPMPTSP",
        "Diskominfo",
        "BPBD",
        "Kesbangpol",
        "RSUD H. Abdul Manap",
    ):
        assert short_name in top_level
    setda = kota_jambi_units().get(short_name="Setda")
    assert setda.children.filter(name="Bagian Hukum").exists()


def anchor(username: str) -> tuple[str, str, str]:
    user = User.objects.select_related("region", "org_unit").get(username=username)
    region = user.region.code if user.region else ""
    return user.role, region, user.org_unit.name if user.org_unit else ""


def test_it_creates_one_account_per_role_with_its_anchor(demo: None) -> None:
    assert anchor("admin_pusat") == (Role.NATIONAL_ADMIN, "", "")
    assert anchor("kanwil_jambi") == (Role.KANWIL_OPERATOR, "15", "")
    assert anchor("kanwil_riau") == (Role.KANWIL_OPERATOR, "14", "")
    assert anchor("pemkot_jambi") == (Role.PEMDA_ADMIN, "15.71", "")
    assert anchor("dinkes_jambi") == (Role.OPD_ADMIN, "", "Dinas Kesehatan")
    assert anchor("peserta_jambi") == (Role.PARTICIPANT, "", "")
    assert {account.role for account in DEMO_ACCOUNTS} == set(Role)


def test_the_accounts_are_created_by_the_national_admin_and_audited(demo: None) -> None:
    created = AuditEntry.objects.filter(action="peduliham.user.created")

    assert created.get(object_repr="Admin Pusat").actor is None
    assert set(created.exclude(actor=None).values_list("actor__username", flat=True)) == {
        "admin_pusat"
    }
    assert created.filter(region_code="15.71").count() == 2  # pemkot_jambi and dinkes_jambi


def test_every_demo_account_logs_in_with_the_documented_password(demo: None) -> None:
    for account in DEMO_ACCOUNTS:
        assert User.objects.get(username=account.username).check_password(DEMO_PASSWORD)


def test_the_two_factor_roles_get_a_confirmed_device_with_the_documented_key(demo: None) -> None:
    devices = TOTPDevice.objects.filter(name="demo", confirmed=True)

    assert set(devices.values_list("user__username", flat=True)) == {
        "admin_pusat",
        "kanwil_jambi",
        "kanwil_riau",
    }
    device = devices.get(user__username="kanwil_jambi")
    assert TOTPDevice.objects.filter(user__username="pemkot_jambi").count() == 0
    assert device.config_url.split("secret=")[1].startswith(DEMO_TOTP_SECRET)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    assert device.verify_token(code)


def test_the_riau_operator_sees_none_of_kota_jambis_units(demo: None) -> None:
    riau = scope_for(User.objects.get(username="kanwil_riau"))
    jambi = scope_for(User.objects.get(username="kanwil_jambi"))
    dinkes = scope_for(User.objects.get(username="dinkes_jambi"))

    assert not riau.units().filter(region__code="15.71").exists()
    assert jambi.units().filter(region__code="15.71").count() == kota_jambi_units().count()
    assert set(dinkes.units().values_list("service_kind", flat=True)) <= {
        ServiceKind.NONE,
        ServiceKind.PUSKESMAS,
        ServiceKind.OTHER,
    }


def test_the_command_loads_the_data_and_prints_the_accounts_without_serving() -> None:
    out = StringIO()

    call_command("demo", "--no-serve", stdout=out)

    output = out.getvalue()
    assert User.objects.filter(username="pemkot_jambi").exists()
    for account in DEMO_ACCOUNTS:
        assert account.username in output
    assert DEMO_PASSWORD in output
    assert "peduliham otp_code USERNAME" in output
    assert DEMO_TOTP_SECRET in output


@pytest.fixture
def isolated_steps() -> Iterator[dict[str, registry.DemoStep]]:
    saved = dict(registry._steps)
    yield registry._steps
    registry._steps.clear()
    registry._steps.update(saved)


def test_a_later_app_adds_its_own_step_which_runs_after_the_ones_it_builds_on(
    isolated_steps: dict[str, registry.DemoStep],
) -> None:
    seen: list[int] = []

    @registry.demo_step("later.demo_event", order=999)
    def load_event() -> StepReport:
        """A demo event for Kota Jambi."""
        seen.append(User.objects.filter(username="pemkot_jambi").count())
        return StepReport(created=1, notes=["acara demo"])

    results = load_demo()

    assert [step.name for step, _ in results][-1] == "later.demo_event"
    assert results[-1][0].description == "A demo event for Kota Jambi."
    assert seen == [1]
