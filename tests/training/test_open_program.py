"""open_program: only the national admin opens a program, with a sane target and rule."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.training.models import AttendanceRule, ProgramStatus
from peduliham.training.services import open_program

pytestmark = pytest.mark.django_db


def test_the_national_admin_opens_a_program(admin_pusat: User) -> None:
    program = open_program(
        admin_pusat,
        year=2025,
        name="Penguatan Kapasitas HAM bagi ASN 2025",
        target=1_000_000,
        curriculum="Modul 1: HAM dan pelayanan publik",
        attendance_rule=AttendanceRule.MIN_DAYS,
        attendance_min_days=2,
    )
    assert program.status == ProgramStatus.OPEN
    assert program.created_by == admin_pusat
    entry = AuditEntry.objects.get(action="peduliham.training.program.opened")
    assert entry.object_id == str(program.pk)
    assert entry.changes["target"] == 1_000_000


def test_a_kanwil_operator_cannot_open_a_program(operator_kanwil_jambi: User) -> None:
    with pytest.raises(PermissionDenied):
        open_program(operator_kanwil_jambi, year=2025, name="Program", target=10)
    assert not AuditEntry.objects.filter(action__startswith="peduliham.training").exists()


@pytest.mark.parametrize(
    ("year", "name", "target", "rule", "min_days"),
    [
        (2025, "", 10, AttendanceRule.ALL_DAYS, None),
        (1999, "Program", 10, AttendanceRule.ALL_DAYS, None),
        (2025, "Program", 0, AttendanceRule.ALL_DAYS, None),
        (2025, "Program", 10, AttendanceRule.MIN_DAYS, None),
        (2025, "Program", 10, AttendanceRule.MIN_DAYS, 0),
        (2025, "Program", 10, AttendanceRule.ALL_DAYS, 2),
    ],
)
def test_it_refuses_bad_input(
    admin_pusat: User,
    year: int,
    name: str,
    target: int,
    rule: AttendanceRule,
    min_days: int | None,
) -> None:
    with pytest.raises(DomainError) as caught:
        open_program(
            admin_pusat,
            year=year,
            name=name,
            target=target,
            attendance_rule=rule,
            attendance_min_days=min_days,
        )
    assert caught.value.code == "program_invalid"


def test_the_same_name_twice_in_a_year_is_refused(admin_pusat: User) -> None:
    open_program(admin_pusat, year=2025, name="Program", target=10)
    with pytest.raises(DomainError) as caught:
        open_program(admin_pusat, year=2025, name="Program", target=20)
    assert caught.value.code == "program_exists"
    assert AuditEntry.objects.filter(action="peduliham.training.program.opened").count() == 1
