"""The printable desk list (PDF): scoped, escaped, and fast for 1,000 participants."""

import datetime
import re
import time
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training import deskpdf
from peduliham.training.models import Enrollment, Event
from peduliham.training.selectors.checkin import desk_list, event_days
from tests.people.asn_factory import make_asn
from tests.training.factories_checkin import running_event, seat, seat_new

Login = Callable[[User], Client]


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi)


def pdf_url(event: Event) -> str:
    return reverse("training:event_desk_pdf", args=[event.pk])


def page_count(pdf: bytes) -> int:
    found = re.search(rb"/Type\s*/Pages\s*/Count\s+(\d+)", pdf)
    return int(found.group(1)) if found else 0


def test_staff_of_the_host_region_download_the_desk_list_as_pdf(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    seat_new(event, dinkes_jambi, 1)

    response = logged_in(admin_pemkot_jambi).get(pdf_url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="peduliham.training.desk_list.downloaded")
    assert entry.object_id == str(event.pk)


@pytest.mark.parametrize(
    "user_fixture",
    ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "admin_dinkes_jambi", "peserta_budi"],
)
def test_users_outside_the_host_region_do_not_find_the_list(
    request: pytest.FixtureRequest, logged_in: Login, event: Event, user_fixture: str
) -> None:
    response = logged_in(request.getfixturevalue(user_fixture)).get(pdf_url(event))

    assert response.status_code == 404


def test_names_that_look_like_typst_code_are_printed_not_run(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    seat(event, make_asn(dinkes_jambi, 1, name='#panic("boom") $x$ *tebal* [a] \\ _b_ <c> @d'))

    pdf = deskpdf.render_desk_list(event, event_days(event), desk_list(admin_pemkot_jambi, event))

    assert pdf.startswith(b"%PDF")


def test_the_list_groups_participants_per_opd_in_order(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    seat_new(event, disdik_jambi, 1)
    seat_new(event, dinkes_jambi, 2)
    seat_new(event, dinkes_jambi, 3)

    data = deskpdf.desk_list_data(event, event_days(event), desk_list(admin_pemkot_jambi, event))

    assert [(g["opd"], g["count"]) for g in data["groups"]] == [
        ("Dinas Kesehatan", "2"),
        ("Dinas Pendidikan", "1"),
    ]
    assert [r["number"] for g in data["groups"] for r in g["rows"]] == ["1", "2", "3"]


def seat_many(event: Event, units: list[OrgUnit], count: int) -> None:
    people = ASN.objects.bulk_create(
        ASN(
            nip=f"1986092620150510{n:02d}"[:14] + f"{n:04d}",
            name=f"Peserta Nomor {n}",
            sex="L",
            birth_date=datetime.date(1986, 9, 26),
            region=units[n % len(units)].region,
            org_unit=units[n % len(units)],
        )
        for n in range(count)
    )
    Enrollment.objects.bulk_create(
        Enrollment(event=event, program=event.program, asn=a, opd=a.org_unit, region=a.region)
        for a in people
    )


def test_a_thousand_participants_render_in_a_few_seconds(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    seat_many(event, [dinkes_jambi, disdik_jambi], 1_000)
    started = time.perf_counter()

    pdf = deskpdf.render_desk_list(event, event_days(event), desk_list(admin_pemkot_jambi, event))

    assert time.perf_counter() - started < 8
    assert page_count(pdf) >= 1_000 // 15
