"""Coverage pages: the dashboard at each level, drill-down links, the chart, sorting, scoping."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Program
from tests.training.factories_coverage import count, make_event, opd_quota, region_quota, staff
from tests.training.helpers import make_program

type Login = Callable[[User], Client]


@pytest.fixture
def program(
    admin_pusat: User,
    jambi: Region,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> Program:
    program = make_program(admin_pusat)
    region_quota(program, jambi, 20_000)
    region_quota(program, kota_jambi, 1_000)
    opd_quota(program, dinkes_jambi, 100)
    opd_quota(program, disdik_jambi, 50)
    staff(dinkes_jambi, 10)
    staff(disdik_jambi, 5)
    event = make_event(
        program, kota_jambi, days=[datetime.date(2025, 10, 27), datetime.date(2025, 10, 28)]
    )
    count(event, dinkes_jambi, selected=8, attended=7, completed=6)
    count(event, disdik_jambi, selected=4, attended=4, completed=2)
    return program


def _url(program: Program, query: str = "") -> str:
    return reverse("training:coverage", args=[program.pk]) + (f"?{query}" if query else "")


@pytest.mark.django_db
def test_the_national_dashboard_shows_headline_numbers_and_provinces(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    response = logged_in(admin_pusat).get(_url(program))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Cakupan pelatihan: Nasional" in text
    assert "<progress" in text
    assert f'href="{_url(program, "wilayah=15&amp;urut=naik")}"' in text
    assert response.context["coverage"].totals.completed == 8


@pytest.mark.django_db
def test_the_chart_is_an_accessible_svg_with_a_table_alternative(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    text = logged_in(admin_pusat).get(_url(program)).content.decode()
    assert 'role="img"' in text
    assert '<title id="chart-title">' in text
    assert '<desc id="chart-desc">Okt 2025: 8</desc>' in text
    assert "<rect" in text
    assert 'id="series-caption"' in text
    assert "style=" not in text


@pytest.mark.django_db
def test_the_svg_numbers_use_a_decimal_point_in_indonesian(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    text = logged_in(admin_pusat).get(_url(program)).content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert 'x="' in svg
    assert "," not in svg.split("<desc")[0]


@pytest.mark.django_db
def test_a_province_page_links_to_its_kabupaten_kota(
    logged_in: Login, operator_kanwil_jambi: User, program: Program
) -> None:
    response = logged_in(operator_kanwil_jambi).get(_url(program))
    assert response.status_code == 200
    assert f'href="{_url(program, "wilayah=15.71&amp;urut=naik")}"' in response.content.decode()


@pytest.mark.django_db
def test_a_regency_page_links_to_its_opds(
    logged_in: Login, admin_pemkot_jambi: User, program: Program, dinkes_jambi: OrgUnit
) -> None:
    response = logged_in(admin_pemkot_jambi).get(_url(program))
    link = _url(program, f"opd={dinkes_jambi.pk}&amp;urut=naik")
    assert f'href="{link}"' in response.content.decode()


@pytest.mark.django_db
def test_an_opd_page_lists_its_events(
    logged_in: Login, admin_dinkes_jambi: User, program: Program
) -> None:
    response = logged_in(admin_dinkes_jambi).get(_url(program))
    assert response.status_code == 200
    [(row, link)] = response.context["rows"]
    assert row.name == "Angkatan 1"
    assert f'href="{link}"' in response.content.decode()
    assert link == reverse("training:event_detail", kwargs={"pk": row.event_id})
    assert response.context["coverage"].level == "opd"


@pytest.mark.django_db
def test_the_sort_toggle_reverses_the_order(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    client = logged_in(admin_pemkot_jambi)
    rising = client.get(_url(program))
    falling = client.get(_url(program, "urut=turun"))
    names = [row.name for row, _ in rising.context["rows"]]
    assert names == ["Dinas Pendidikan", "Dinas Kesehatan"]
    assert [row.name for row, _ in falling.context["rows"]] == names[::-1]
    assert "?urut=turun" in rising.content.decode()


@pytest.mark.django_db
def test_an_unknown_sort_word_falls_back_to_rising(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    response = logged_in(admin_pemkot_jambi).get(_url(program, "urut=acak"))
    assert response.status_code == 200
    assert response.context["order_word"] == "naik"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "query"),
    [
        ("operator_kanwil_riau", "wilayah=15"),
        ("operator_kanwil_riau", "wilayah=15.71"),
        ("admin_pemkot_pekanbaru", "wilayah=15.71"),
        ("admin_pemkot_pekanbaru", "opd=DINKES"),
        ("admin_dinkes_jambi", "opd=DISDIK"),
    ],
)
def test_pages_outside_the_scope_are_not_found(
    request: pytest.FixtureRequest,
    logged_in: Login,
    program: Program,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
    persona: str,
    query: str,
) -> None:
    query = query.replace("DINKES", str(dinkes_jambi.pk)).replace("DISDIK", str(disdik_jambi.pk))
    client = logged_in(request.getfixturevalue(persona))
    assert client.get(_url(program, query)).status_code == 404
    export = reverse("training:coverage_export", args=[program.pk]) + f"?{query}"
    assert client.get(export).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["wilayah=99.99", "opd=abc", "opd=99999999999999999999", "opd=999999", "opd=\u0661"]
)
def test_bad_parameters_are_not_found(
    logged_in: Login, admin_pusat: User, program: Program, query: str
) -> None:
    assert logged_in(admin_pusat).get(_url(program, query)).status_code == 404


@pytest.mark.django_db
def test_an_unknown_program_is_not_found(logged_in: Login, admin_pusat: User) -> None:
    url = reverse("training:coverage", args=[987654])
    assert logged_in(admin_pusat).get(url).status_code == 404


@pytest.mark.django_db
def test_participants_get_no_dashboard(
    logged_in: Login, peserta_budi: User, program: Program
) -> None:
    client = logged_in(peserta_budi)
    assert client.get(_url(program)).status_code == 404
    assert client.get(reverse("training:coverage_index")).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client: Client, program: Program) -> None:
    response = client.get(_url(program))
    assert response.status_code == 302
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_the_index_links_to_each_programs_dashboard(
    logged_in: Login, admin_pemkot_jambi: User, program: Program
) -> None:
    response = logged_in(admin_pemkot_jambi).get(reverse("training:coverage_index"))
    assert response.status_code == 200
    assert f'href="{_url(program)}"' in response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_refuses_other_methods(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    assert logged_in(admin_pusat).post(_url(program)).status_code == 405


@pytest.mark.django_db
def test_the_national_page_costs_a_bounded_number_of_queries(
    logged_in: Login,
    admin_pusat: User,
    program: Program,
    django_assert_max_num_queries: Any,
) -> None:
    client = logged_in(admin_pusat)
    with django_assert_max_num_queries(8):  # session, user, program, then the selector's four
        response = client.get(_url(program))
    assert response.status_code == 200
