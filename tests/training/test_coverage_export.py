"""The coverage XLSX export: the same numbers as the page, numbers as numbers, names as text."""

import io
from collections.abc import Callable

import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Program
from tests.training.factories_coverage import (
    count,
    make_event,
    make_opd,
    opd_quota,
    region_quota,
    staff,
)
from tests.training.helpers import make_program

type Login = Callable[[User], Client]


@pytest.fixture
def program(admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit) -> Program:
    program = make_program(admin_pusat)
    region_quota(program, kota_jambi, 1_000)
    opd_quota(program, dinkes_jambi, 100)
    staff(dinkes_jambi, 10)
    count(make_event(program, kota_jambi), dinkes_jambi, selected=8, attended=7, completed=6)
    return program


def _rows(client: Client, program: Program, query: str = "") -> list[tuple[object, ...]]:
    url = reverse("training:coverage_export", args=[program.pk]) + (f"?{query}" if query else "")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert isinstance(response, FileResponse)
    content = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return list(workbook["Cakupan"].iter_rows(values_only=True))
    finally:
        workbook.close()


@pytest.mark.django_db
def test_the_regency_export_lists_the_totals_and_each_opd(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    rows = _rows(logged_in(admin_pemkot_jambi), program)
    assert rows[1][0] == "Nama"
    assert rows[2] == ("Jumlah: Kota Jambi", "Kabupaten/kota", 1000, 8, 7, 6, 10, 0.6, 60)
    assert rows[3] == ("Dinas Kesehatan", "OPD", 100, 8, 7, 6, 10, 6, 60)


@pytest.mark.django_db
def test_the_national_export_has_a_row_per_province(
    logged_in: Login, admin_pusat: User, program: Program, jambi: Region
) -> None:
    region_quota(program, jambi, 20_000)
    rows = _rows(logged_in(admin_pusat), program, "urut=turun")
    assert len(rows) == 3 + 38
    assert rows[3][:2] == ("Jambi", "Provinsi")  # provinces without a quota come after
    assert rows[2][2:6] == (1_000_000, 8, 7, 6)


@pytest.mark.django_db
def test_a_name_that_looks_like_a_formula_stays_text(
    logged_in: Login, admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    make_opd(kota_jambi, "=SUM(A1:A9)")
    rows = _rows(logged_in(admin_pemkot_jambi), program)
    assert "=SUM(A1:A9)" in [row[0] for row in rows]


@pytest.mark.django_db
def test_the_export_keeps_the_scope(
    logged_in: Login, operator_kanwil_riau: User, program: Program
) -> None:
    url = reverse("training:coverage_export", args=[program.pk]) + "?wilayah=15.71"
    assert logged_in(operator_kanwil_riau).get(url).status_code == 404
