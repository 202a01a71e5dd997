"""The program pages: list, open form and detail."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.training.models import AttendanceRule, Program
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db

type Login = Callable[[User], Client]

CREATE = reverse("training:program_create")
LIST = reverse("training:program_list")


def test_staff_see_the_list_of_programs(
    logged_in: Login, admin_pusat: User, admin_pemkot_jambi: User
) -> None:
    make_program(admin_pusat)
    response = logged_in(admin_pemkot_jambi).get(LIST)
    assert response.status_code == 200
    assert "Penguatan Kapasitas HAM bagi ASN 2025" in response.text
    assert CREATE not in response.text


def test_a_participant_may_not_see_the_list(logged_in: Login, peserta_budi: User) -> None:
    assert logged_in(peserta_budi).get(LIST).status_code == 403


def test_the_national_admin_opens_a_program(logged_in: Login, admin_pusat: User) -> None:
    response = logged_in(admin_pusat).post(
        CREATE,
        {
            "year": 2026,
            "name": "Penguatan Kapasitas HAM bagi ASN 2026",
            "target": 1_000_000,
            "curriculum": "Modul 1: HAM dalam pelayanan publik",
            "attendance_rule": AttendanceRule.ALL_DAYS,
        },
    )
    program = Program.objects.get(year=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("training:program_detail", args=[program.pk])
    assert program.target == 1_000_000
    assert AuditEntry.objects.filter(action="peduliham.training.program.opened").count() == 1


def test_only_the_national_admin_may_open_a_program(
    logged_in: Login, operator_kanwil_jambi: User
) -> None:
    client = logged_in(operator_kanwil_jambi)
    assert client.get(CREATE).status_code == 403
    response = client.post(CREATE, {"year": 2026, "name": "X", "target": 5})
    assert response.status_code == 403
    assert not Program.objects.exists()


def test_a_zero_target_is_refused_and_nothing_is_saved(logged_in: Login, admin_pusat: User) -> None:
    response = logged_in(admin_pusat).post(
        CREATE,
        {"year": 2026, "name": "Program", "target": 0, "attendance_rule": "all_days"},
    )
    assert response.status_code == 400
    assert not Program.objects.exists()


def test_a_duplicate_name_shows_the_service_message(logged_in: Login, admin_pusat: User) -> None:
    make_program(admin_pusat)
    response = logged_in(admin_pusat).post(
        CREATE,
        {
            "year": 2025,
            "name": "Penguatan Kapasitas HAM bagi ASN 2025",
            "target": 10,
            "attendance_rule": "all_days",
        },
    )
    assert response.status_code == 400
    assert "sudah ada untuk tahun tersebut" in response.text
    assert Program.objects.count() == 1


def test_the_detail_shows_target_curriculum_and_attendance_rule(
    logged_in: Login, admin_pusat: User, operator_kanwil_riau: User
) -> None:
    program = make_program(admin_pusat)
    program.curriculum = "Modul HAM dasar"
    program.save()
    response = logged_in(operator_kanwil_riau).get(
        reverse("training:program_detail", args=[program.pk])
    )
    assert response.status_code == 200
    assert "1000000" in response.text.replace(".", "")
    assert "Modul HAM dasar" in response.text
    assert "Hadir setiap hari" in response.text


def test_a_participant_does_not_find_a_program(
    logged_in: Login, admin_pusat: User, peserta_budi: User
) -> None:
    program = make_program(admin_pusat)
    url = reverse("training:program_detail", args=[program.pk])
    assert logged_in(peserta_budi).get(url).status_code == 404
