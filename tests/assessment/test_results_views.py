"""Results pages: event results, item analysis, XLSX export and a participant's own scores."""

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from tests.assessment.factories_results import Scenario, scenario

Login = Callable[[User], Client]
STAFF_PAGES = ["assessment:event_results", "assessment:item_analysis", "assessment:results_export"]


@pytest.fixture
def story(
    admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> Scenario:
    return scenario(admin_pusat, kota_jambi, dinkes_jambi, disdik_jambi)


def test_the_results_page_shows_headline_figures_chart_and_tables(
    story: Scenario, admin_pemkot_jambi: User, logged_in: Login
) -> None:
    url = reverse("assessment:event_results", args=[story.event.pk])

    response = logged_in(admin_pemkot_jambi).get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html
    assert '<title id="dist-title">' in html
    assert "style=" not in html
    assert "Dinas Kesehatan" in html
    assert "Dedi" in html
    assert "0,60" in html  # the class gain <g>


def test_the_item_analysis_page_lists_weak_questions_with_reasons(
    story: Scenario, operator_kanwil_jambi: User, logged_in: Login
) -> None:
    url = reverse("assessment:item_analysis", args=[story.event.pk])

    response = logged_in(operator_kanwil_jambi).get(url)

    assert response.status_code == 200
    assert "Pilihan yang tidak dipilih siapa pun: B, C, D." in response.content.decode()


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize("persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru"])
def test_staff_of_another_region_get_not_found(
    story: Scenario, page: str, persona: str, logged_in: Login, request: pytest.FixtureRequest
) -> None:
    client = logged_in(request.getfixturevalue(persona))

    assert client.get(reverse(page, args=[story.event.pk])).status_code == 404


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_a_participant_gets_not_found_on_staff_pages(
    story: Scenario, page: str, peserta_budi: User, logged_in: Login
) -> None:
    story.a.asn.user = peserta_budi
    story.a.asn.save()

    assert logged_in(peserta_budi).get(reverse(page, args=[story.event.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(story: Scenario) -> None:
    response = Client().get(reverse("assessment:event_results", args=[story.event.pk]))

    assert response.status_code == 302


@pytest.mark.parametrize("page_param", ["abc", "999", "-1", ""])
def test_a_bad_page_number_still_shows_a_page(
    story: Scenario, admin_pusat: User, logged_in: Login, page_param: str
) -> None:
    url = reverse("assessment:event_results", args=[story.event.pk])

    assert logged_in(admin_pusat).get(url, {"halaman": page_param}).status_code == 200


def test_an_unknown_event_is_not_found(admin_pusat: User, logged_in: Login) -> None:
    url = reverse("assessment:event_results", args=[2_000_000])

    assert logged_in(admin_pusat).get(url).status_code == 404


def test_the_export_has_people_opd_and_item_sheets(
    story: Scenario, admin_pemkot_jambi: User, logged_in: Login
) -> None:
    response = logged_in(admin_pemkot_jambi).get(
        reverse("assessment:results_export", args=[story.event.pk])
    )

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert book.sheetnames == ["Peserta", "OPD", "Analisis butir"]
    people = list(book["Peserta"].iter_rows(min_row=3, values_only=True))
    assert ("Ani", "198609262015051001", "Dinas Kesehatan", 25, 75, 0.667, "Tidak") in people
    assert ("Dedi", "198609262015051004", "Dinas Pendidikan", 0, None, None, None) in people
    opd = list(book["OPD"].iter_rows(min_row=3, values_only=True))
    assert opd[-1][:6] == ("Jumlah kegiatan", 4, 3, 58.33, 83.33, 0.6)
    items = list(book["Analisis butir"].iter_rows(values_only=True))
    assert len(items) == 1 + 8  # header + 4 questions per exam
    assert items[5][:8] == ("Post-test", 1, "POST-001", "Konsep dasar HAM", 3, 3, 1.0, None)


def test_a_participant_sees_their_own_scores_and_the_survey_link(
    story: Scenario, peserta_budi: User, logged_in: Login
) -> None:
    story.b.asn.user = peserta_budi
    story.b.asn.save()

    response = logged_in(peserta_budi).get(reverse("assessment:my_result"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "50,00" in html
    assert "100,00" in html
    assert reverse("assessment:survey", args=[story.event.pk]) in html
    assert "Ani" not in html


def test_my_result_for_someone_without_a_seat_says_so(peserta_budi: User, logged_in: Login) -> None:
    response = logged_in(peserta_budi).get(reverse("assessment:my_result"))

    assert "belum terdaftar" in response.content.decode()
