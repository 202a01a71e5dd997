import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.audit import log_action
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit
from tests.accounts.helpers import LoggedIn

URL = reverse("core:audit")
DAY = datetime.datetime(2025, 10, 27, 2, 0, tzinfo=datetime.UTC)  # 09:00 WIB


@pytest.fixture
def entries(
    puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit
) -> dict[str, AuditEntry]:
    """One entry in each corner of the scopes, two days apart."""
    with time_machine.travel(DAY, tick=False):
        rows = {
            "national": log_action(None, "peduliham.program.created"),
            "jambi_province": log_action(None, "peduliham.quota.set", region_code="15"),
            "puskesmas": log_action(
                None,
                "peduliham.orgunit.changed",
                region_code="15.71",
                unit_path=puskesmas_simpang_kawat.path,
            ),
            "disdik": log_action(
                None,
                "peduliham.orgunit.changed",
                region_code="15.71",
                unit_path=disdik_jambi.path,
            ),
        }
    with time_machine.travel(DAY + datetime.timedelta(days=2), tick=False):
        rows["pekanbaru"] = log_action(
            None,
            "peduliham.orgunit.created",
            region_code="14.71",
            unit_path=dinkes_pekanbaru.path,
        )
    return rows


def listed(client: Client, query: str = "") -> list[int]:
    response = client.get(f"{URL}{query}")
    assert response.status_code == 200
    return [entry.pk for entry in response.context["page"].object_list]


def ours(entries: dict[str, AuditEntry], listed_ids: list[int]) -> list[int]:
    """The listed entries this test made (the unit fixtures write entries of their own)."""
    made = {entry.pk for entry in entries.values()}
    return [pk for pk in listed_ids if pk in made]


def ids(entries: dict[str, AuditEntry], *names: str) -> list[int]:
    """Primary keys, newest first as the page lists them."""
    rows = sorted((entries[name] for name in names), key=lambda e: (e.created_at, e.pk))
    return [entry.pk for entry in reversed(rows)]


def test_the_national_admin_reads_the_whole_trail(
    logged_in: LoggedIn, admin_pusat: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(admin_pusat)
    assert ours(entries, listed(client)) == ids(entries, *entries)


def test_kanwil_jambi_reads_its_province_only(
    logged_in: LoggedIn, operator_kanwil_jambi: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(operator_kanwil_jambi)
    assert ours(entries, listed(client)) == ids(entries, "jambi_province", "puskesmas", "disdik")


def test_kanwil_riau_reads_nothing_of_jambi(
    logged_in: LoggedIn, operator_kanwil_riau: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(operator_kanwil_riau)
    assert ours(entries, listed(client)) == ids(entries, "pekanbaru")
    codes = AuditEntry.objects.filter(pk__in=listed(client)).values_list("region_code", flat=True)
    assert all(code.startswith("14.") for code in codes)


def test_pemkot_jambi_reads_its_city_but_not_the_province_level(
    logged_in: LoggedIn, admin_pemkot_jambi: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(admin_pemkot_jambi)
    assert ours(entries, listed(client)) == ids(entries, "puskesmas", "disdik")


def test_pemkot_pekanbaru_reads_nothing_of_kota_jambi(
    logged_in: LoggedIn, admin_pemkot_pekanbaru: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(admin_pemkot_pekanbaru)
    assert ours(entries, listed(client)) == ids(entries, "pekanbaru")
    codes = AuditEntry.objects.filter(pk__in=listed(client)).values_list("region_code", flat=True)
    assert all(code.startswith("14.") for code in codes)


def test_an_opd_admin_reads_their_unit_subtree(
    logged_in: LoggedIn, admin_dinkes_jambi: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(admin_dinkes_jambi)
    assert ours(entries, listed(client)) == ids(entries, "puskesmas")


def test_participants_may_not_read_the_trail(logged_in: LoggedIn, peserta_budi: User) -> None:
    client: Client = logged_in(peserta_budi)
    assert client.get(URL).status_code == 403


def test_the_trail_needs_a_login(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_filters_by_action(
    logged_in: LoggedIn, admin_pusat: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(admin_pusat)
    assert ours(entries, listed(client, "?action=peduliham.orgunit.changed")) == ids(
        entries, "puskesmas", "disdik"
    )


def test_it_filters_by_date_in_local_time(
    logged_in: LoggedIn, admin_pusat: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(admin_pusat)
    assert ours(entries, listed(client, "?date_from=2025-10-29")) == ids(entries, "pekanbaru")
    assert ours(entries, listed(client, "?date_to=2025-10-27")) == ids(
        entries, "national", "jambi_province", "puskesmas", "disdik"
    )
    assert listed(client, "?date_from=2025-10-28&date_to=2025-10-28") == []
    assert listed(client, "?date_to=2025-10-26") == []


def test_it_rejects_a_bad_date(logged_in: LoggedIn, admin_pusat: User) -> None:
    client: Client = logged_in(admin_pusat)
    response = client.get(f"{URL}?date_from=kemarin")
    assert response.status_code == 400
    assert response.context["page"] is None


def test_it_rejects_a_date_range_backwards(logged_in: LoggedIn, admin_pusat: User) -> None:
    client: Client = logged_in(admin_pusat)
    response = client.get(f"{URL}?date_from=2025-10-28&date_to=2025-10-01")
    assert response.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in response.text


def test_it_rejects_an_action_outside_the_users_trail(
    logged_in: LoggedIn, operator_kanwil_riau: User, entries: dict[str, AuditEntry]
) -> None:
    client: Client = logged_in(operator_kanwil_riau)
    assert client.get(f"{URL}?action=peduliham.quota.set").status_code == 400


def test_it_pages_fifty_at_a_time_and_keeps_the_filter(
    logged_in: LoggedIn, admin_pusat: User
) -> None:
    for number in range(51):
        log_action(None, "peduliham.test.happened", changes={"n": number})
    client: Client = logged_in(admin_pusat)
    first = client.get(f"{URL}?action=peduliham.test.happened")
    assert len(first.context["page"].object_list) == 50
    assert "?action=peduliham.test.happened&amp;halaman=2" in first.text
    assert len(listed(client, "?action=peduliham.test.happened&halaman=2")) == 1


def test_an_out_of_range_page_shows_the_last_page(logged_in: LoggedIn, admin_pusat: User) -> None:
    log_action(None, "peduliham.test.happened")
    client: Client = logged_in(admin_pusat)
    assert len(listed(client, "?halaman=99")) == 1
