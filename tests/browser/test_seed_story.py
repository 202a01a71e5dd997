"""The seed story of the training issue, replayed through the real pages in a browser.

Story A starts from an empty database (the regions of the migrations, three
OPDs and 40 ASN): the national admin opens a program and gives Jambi its
quota, the Kanwil operator gives Kota Jambi its share, the Pemda admin hands
out the OPD quotas in one click, creates a two-day event, selects and invites
the participants, checks one in at the desk on both days, runs the event to
its close and reads the result on the coverage dashboard and the planner.

Story B browses the Kota Jambi demo (made smaller) as its Pemda admin and its
participant, and checks the main pages with axe on a 320 px wide screen.

Fixtures that touch the database come before `new_context` in each signature;
see conftest.py for why.
"""

import datetime
import math
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from peduliham.accounts.models import User
from peduliham.core.demo.registry import registered_steps
from peduliham.people import demo as people_demo
from peduliham.people.headcounts import refresh_headcounts
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training import demo as training_demo
from peduliham.training.models import (
    SEATED_STATUSES,
    Enrollment,
    Event,
    EventStatus,
    Outcome,
    Program,
)
from peduliham.training.tickets import ticket_code, ticket_link_token
from tests.browser.conftest import Cookies, session_cookies
from tests.browser.support import NARROW, describe_violations, verified_session_cookies
from tests.people.asn_factory import make_asn

NewContext = Callable[..., BrowserContext]
AxeViolations = Callable[[Page], list[dict[str, Any]]]

PROGRAM_NAME = "Penguatan Kapasitas HAM bagi ASN 2026"
EVENT_TITLE = "Pelatihan HAM Kota Jambi Angkatan I"
ASN_COUNT = 40
PLANNER_CAPACITY = 10
PLANNER_QUERY = {
    "wilayah": "15.71",
    "capacity": "100",
    "days_per_event": "2",
    "start": "2027-01-04",
    "mode": "tenggat",
    "deadline": "2027-12-31",
    "gap_days": "0",
}


# ---------------------------------------------------------------- Story A


@pytest.fixture
def registry(
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> list[ASN]:
    """40 active ASN of Kota Jambi: 15 at Dinkes, 10 front-line at a Puskesmas, 15 at Disdik."""
    people = [make_asn(dinkes_jambi, n, sex="L" if n % 2 else "P") for n in range(1, 16)]
    people += [
        make_asn(puskesmas_simpang_kawat, n, sex="P", is_frontline=True) for n in range(16, 26)
    ]
    people += [make_asn(disdik_jambi, n, sex="L" if n % 3 else "P") for n in range(26, 41)]
    refresh_headcounts([kota_jambi.pk])
    return people


@pytest.fixture
def pusat_cookies(admin_pusat: User, live_server: LiveServer) -> Cookies:
    return verified_session_cookies(admin_pusat, live_server.url)


@pytest.fixture
def kanwil_cookies(operator_kanwil_jambi: User, live_server: LiveServer) -> Cookies:
    return verified_session_cookies(operator_kanwil_jambi, live_server.url)


def _message(page: Page) -> Any:
    return expect(page.locator(".messages"))


def _open_program(page: Page, base: str) -> None:
    """Step 1: the national admin opens the program and gives Jambi its quota."""
    page.goto(base + reverse("training:program_create"))
    page.get_by_label("Tahun").fill("2026")
    page.get_by_label("Nama program").fill(PROGRAM_NAME)
    page.get_by_label("Target nasional (jumlah ASN)").fill("1000000")
    page.get_by_label("Kurikulum").fill("Hak asasi manusia dalam pelayanan publik.")
    page.get_by_role("button", name="Buka program").click()
    _message(page).to_contain_text("Program dibuka.")
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAM_NAME)

    page.get_by_role("link", name="Kuota", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuota nasional")
    page.get_by_label("Kuota baru Jambi", exact=True).fill("20000")
    page.get_by_role("button", name="Simpan kuota").click()
    _message(page).to_contain_text("1 kuota disimpan.")


def _quota_for_kota_jambi(page: Page, base: str, program: Program) -> None:
    """Step 2: the Kanwil operator hands part of Jambi's quota to Kota Jambi."""
    page.goto(base + reverse("training:quotas", args=[program.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuota Jambi")
    page.get_by_label("Kuota baru Kota Jambi", exact=True).fill("1000")
    page.get_by_role("button", name="Simpan kuota").click()
    _message(page).to_contain_text("1 kuota disimpan.")
    expect(page.locator(".quota-remaining")).to_contain_text("19.000")


def _share_to_opds(page: Page, base: str, program: Program) -> None:
    """Step 3a: the Pemda admin's one click: a share of every OPD's active ASN."""
    page.goto(base + reverse("training:quotas", args=[program.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuota Kota Jambi")
    page.get_by_label("Persentase dari ASN aktif tiap OPD").fill("50")
    page.get_by_role("button", name="Bagikan ke semua OPD").click()
    _message(page).to_contain_text("Kuota 2 OPD dibagikan.")
    rows = page.get_by_role("table", name="Kuota per OPD").locator("tbody tr")
    expect(rows.filter(has_text="Dinas Kesehatan").locator("td").nth(1)).to_have_text(
        "13"
    )  # 50% of 25, rounded
    expect(rows.filter(has_text="Dinas Pendidikan").locator("td").nth(1)).to_have_text("8")


def _create_event(page: Page, base: str, kanwil: OrgUnit, days: list[datetime.date]) -> None:
    """Step 3b: a two-day event co-hosted with the Kanwil, then opened."""
    page.goto(base + reverse("training:event_list"))
    page.get_by_role("link", name="Buat kegiatan").click()
    page.get_by_label("Program").select_option(label=f"{PROGRAM_NAME} (2026)")
    page.get_by_label("Judul kegiatan").fill(EVENT_TITLE)
    page.get_by_label("Wilayah penyelenggara").select_option(label="15.71 Kota Jambi")
    page.get_by_label(kanwil.name, exact=True).check()
    page.get_by_label("Tempat").fill("Aula Grha Siginjai")
    page.get_by_label("Kapasitas").fill("21")
    page.get_by_label("Aturan kehadiran").select_option(label="Hadir setiap hari")
    for number, day in enumerate(days):
        page.locator(f"input[name='hari-{number}-date']").fill(day.isoformat())
        page.locator(f"input[name='hari-{number}-starts_at']").fill("08:00")
        page.locator(f"input[name='hari-{number}-ends_at']").fill("16:00")
    page.get_by_role("button", name="Simpan").click()
    _message(page).to_contain_text("Kegiatan disimpan.")
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE)
    expect(page.locator("main ul li")).to_have_count(2)
    _transition(page, "Dibuka")


def _transition(page: Page, label: str) -> None:
    page.get_by_role("button", name=f"Ubah status menjadi {label}").click()
    _message(page).to_contain_text(f"Status kegiatan menjadi {label}.")


def _select_and_invite(page: Page) -> None:
    """Step 3c: the fair selection, its sex balance and OPD shares, then the invitations."""
    page.get_by_role("link", name="Seleksi peserta").click()
    page.get_by_role("button", name="Pilih peserta").click()
    _message(page).to_contain_text("Peserta telah dipilih.")
    expect(page.get_by_text("21 dari 21 kursi terisi")).to_be_visible()
    summary = page.locator("dl.summary-list").last
    men = summary.locator("dt:text-is('Laki-laki') + dd")
    women = summary.locator("dt:text-is('Perempuan') + dd")
    assert int(men.inner_text()) + int(women.inner_text()) == 21
    expect(summary.locator("dt:text-is('Pegawai layanan publik') + dd")).to_have_text("10")
    shares = page.get_by_role("table", name="Bagian setiap OPD").locator("tbody tr")
    expect(shares).to_have_count(2)
    expect(shares.filter(has_text="Dinas Kesehatan").locator("td").nth(1)).to_have_text("13")
    page.get_by_role("link", name="Kembali ke kegiatan").click()
    page.get_by_role("button", name="Kirim undangan").click()
    _message(page).to_contain_text("Undangan sedang dikirim kepada peserta.")


def _check_in_both_days(page: Page, code: str, name: str) -> None:
    """Step 4b: a typed code checks in; a repeat says when; a forgery is refused."""
    page.get_by_role("link", name="Meja registrasi").click()
    result = page.locator("#checkin-result")
    for day in ("Hari ke-1", "Hari ke-2"):
        with page.expect_navigation(wait_until="load"):  # checkin.js is in place after "load"
            page.get_by_role("link", name=day).click()
        _enter_code(page, code)
        expect(result.locator("[data-outcome='recorded']")).to_contain_text(name)
        _enter_code(page, code)
        expect(result.locator("[data-outcome='already']")).to_contain_text("Sudah check-in pukul")
    _enter_code(page, code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB"))
    expect(result.locator("[data-outcome='forged']")).to_have_text("Tiket palsu")


def _enter_code(page: Page, code: str) -> None:
    field = page.get_by_role("textbox", name="Kode tiket")
    field.fill(code)
    field.press("Enter")


def _close(page: Page, base: str, event: Event) -> None:
    """Step 5a: start → (desk) → finish by the buttons, then close on the close page."""
    page.goto(base + reverse("training:event_detail", args=[event.pk]))
    _transition(page, "Selesai")
    page.get_by_role("link", name="Penutupan dan hasil").click()
    page.get_by_role("button", name="Tutup kegiatan dan tetapkan hasil").click()
    _message(page).to_contain_text("Kegiatan ditutup: 1 peserta selesai, 20 tidak selesai.")


def _coverage(page: Page, base: str, program: Program, opd: OrgUnit) -> None:
    """Step 5b: the completion shows on the city's dashboard and on its OPD's."""
    page.goto(base + reverse("training:coverage", args=[program.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cakupan pelatihan: Kota Jambi")
    figures = page.locator(".coverage-figures > div")
    expect(figures.filter(has_text="Selesai").locator("dd")).to_have_text("1")
    expect(figures.filter(has_text="Terpilih").locator("dd")).to_have_text("21")
    expect(figures.filter(has_text="Hadir").locator("dd")).to_have_text("1")
    page.locator(".coverage-table").get_by_role("link", name=opd.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Cakupan pelatihan: {opd.name}")
    row = page.locator(".coverage-table tbody tr").filter(has_text=EVENT_TITLE)
    expect(row.locator("td").nth(3)).to_have_text("1")  # completed


def _plan(page: Page, base: str, program: Program, untrained: int) -> None:
    """Step 6: how many events of 10 the untrained of Kota Jambi still need."""
    page.goto(base + reverse("training:program_detail", args=[program.pk]))
    page.get_by_role("link", name="Perencana pelatihan").click()
    page.get_by_label("Kapasitas tempat (orang per kegiatan)").fill(str(PLANNER_CAPACITY))
    page.get_by_label("Mulai paling cepat").fill("2027-01-04")
    page.get_by_label("Tanggal target", exact=True).fill("2027-06-30")
    page.get_by_role("button", name="Hitung rencana").click()
    figures = page.locator("section.card dl")
    expect(figures.locator("dt:text-is('Belum terlatih') + dd")).to_have_text(str(untrained))
    needed = math.ceil(untrained / PLANNER_CAPACITY)
    plan = page.locator("section[aria-labelledby='plan-heading'] dl")
    expect(plan.locator("dt:text-is('Jumlah kegiatan') + dd")).to_have_text(str(needed))
    expect(page.get_by_role("table", name="Jadwal kegiatan").locator("tbody tr")).to_have_count(
        needed
    )


def test_story_a_from_an_empty_database_runs_from_the_program_to_the_planner(
    registry: list[ASN],
    jambi: Region,
    pusat_cookies: Cookies,
    kanwil_cookies: Cookies,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    base = live_server.url
    kanwil = OrgUnit.objects.get(kind=UnitKind.KANWIL, region=jambi, is_active=True)
    _open_program(new_context(cookies=pusat_cookies).new_page(), base)
    program = Program.objects.get(name=PROGRAM_NAME)
    _quota_for_kota_jambi(new_context(cookies=kanwil_cookies).new_page(), base, program)

    pemda = new_context(cookies=pemda_cookies).new_page()
    _share_to_opds(pemda, base, program)
    _create_event(pemda, base, kanwil, [datetime.date(2026, 12, 7), datetime.date(2026, 12, 8)])
    _select_and_invite(pemda)
    event = Event.objects.get(title=EVENT_TITLE)
    seat = Enrollment.objects.filter(event=event, status__in=SEATED_STATUSES).order_by("pk")[0]
    assert seat.invited_at is not None

    ticket = new_context().new_page()  # the e-mailed link, opened without logging in
    ticket.goto(base + reverse("training:ticket", args=[ticket_link_token(seat.pk)]))
    expect(ticket.get_by_role("heading", name="Tiket peserta")).to_be_visible()
    expect(ticket.locator(".ticket__qr svg")).to_be_visible()
    expect(ticket.locator("main")).to_contain_text(seat.asn.full_name)

    _transition(pemda, "Berlangsung")
    code = ticket_code(event_id=event.pk, enrollment_id=seat.pk)
    _check_in_both_days(pemda, code, seat.asn.full_name)
    _close(pemda, base, event)
    seat.refresh_from_db()
    assert (seat.outcome, seat.days_attended) == (Outcome.COMPLETED, 2)
    _coverage(pemda, base, program, seat.opd)
    _plan(pemda, base, program, untrained=ASN_COUNT - 1)
    event.refresh_from_db()
    assert event.status == EventStatus.CLOSED


# ---------------------------------------------------------------- Story B


@pytest.fixture
def demo_data(_browser_database: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Kota Jambi demo with 1,000 ASN and batches of 100, loaded by its own steps."""
    monkeypatch.setattr(people_demo, "DEMO_ASN_COUNT", 1_000)
    monkeypatch.setattr(training_demo, "CAPACITY", 100)
    for step in registered_steps():
        step.run()


@pytest.fixture
def demo_pemda_cookies(demo_data: None, live_server: LiveServer) -> Cookies:
    return session_cookies(User.objects.get(username="pemkot_jambi"), live_server.url)


@pytest.fixture
def demo_participant_cookies(demo_data: None, live_server: LiveServer) -> Cookies:
    return session_cookies(User.objects.get(username="peserta_jambi"), live_server.url)


def _demo_events() -> tuple[Event, Event]:
    return (
        Event.objects.get(title=training_demo.FIRST_TITLE),
        Event.objects.get(title=training_demo.SECOND_TITLE),
    )


def _story_b_pemda_pages(base: str) -> list[str]:
    """The pages of story B the Pemda admin reads, in the order of the story."""
    finished, upcoming = _demo_events()
    coverage = reverse("training:coverage", args=[finished.program_id])
    planner = reverse("training:planner", args=[finished.program_id])
    opd_id = finished.enrollments.values_list("opd_id", flat=True)[0]
    return [
        base + reverse("training:event_list"),
        base + reverse("training:event_detail", args=[finished.pk]),
        base + coverage,
        base + reverse("training:event_select", args=[upcoming.pk]),
        base + reverse("training:event_detail", args=[upcoming.pk]),
        base + reverse("training:event_close", args=[finished.pk]),
        base + reverse("training:quotas", args=[finished.program_id]),
        base + reverse("training:event_create"),
        base + reverse("training:event_participants", args=[upcoming.pk]),
        base + reverse("training:checkin_desk", args=[upcoming.pk]),
        f"{base}{coverage}?{urlencode({'opd': opd_id})}",
        base + reverse("training:program_detail", args=[finished.program_id]),
        f"{base}{planner}?{urlencode(PLANNER_QUERY)}",
    ]


def test_story_b_from_the_demo_shows_both_batches_coverage_selection_and_the_invitation(
    demo_pemda_cookies: Cookies,
    demo_participant_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    base = live_server.url
    finished, upcoming = _demo_events()
    completed = finished.enrollments.filter(outcome=Outcome.COMPLETED).count()
    page = new_context(cookies=demo_pemda_cookies).new_page()

    page.goto(base + reverse("training:event_list"))
    table = page.locator("#events-caption").locator("xpath=..")
    expect(table.get_by_role("link", name=training_demo.FIRST_TITLE, exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=training_demo.SECOND_TITLE)).to_be_visible()

    table.get_by_role("link", name=training_demo.FIRST_TITLE, exact=True).click()
    expect(page.locator("main dl").first).to_contain_text("Ditutup")
    expect(page.locator("main")).to_contain_text("Senin, 27 Oktober 2025")
    expect(page.locator("main")).to_contain_text("Kantor Wilayah Kementerian HAM Jambi")
    page.get_by_role("link", name="Penutupan dan hasil").click()
    expect(page.locator("main dl")).to_contain_text(str(completed))

    page.get_by_role("link", name="Cakupan").click()
    page.get_by_role("link", name=f"{finished.program.name} (2025)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cakupan pelatihan: Kota Jambi")
    figures = page.locator(".coverage-figures > div")
    expect(figures.filter(has_text="Selesai").locator("dd")).to_have_text(str(completed))

    page.goto(base + reverse("training:event_detail", args=[upcoming.pk]))
    page.get_by_role("link", name="Seleksi peserta").click()
    seated = upcoming.enrollments.count()  # what the OPD quotas left after the first batch
    expect(page.get_by_text(f"{seated} dari 100 kursi terisi")).to_be_visible()
    expect(page.get_by_role("table", name="Bagian setiap OPD")).to_be_visible()

    participant = new_context(cookies=demo_participant_cookies).new_page()
    participant.goto(base + reverse("accounts:home"))
    participant.get_by_role("link", name="Undangan saya").click()
    row = participant.locator("tbody tr").filter(has_text=training_demo.FIRST_TITLE)
    expect(row).to_contain_text("Ditutup · Lulus (selesai)")
    row.get_by_role("link", name="Buka tiket").click()
    expect(participant.get_by_role("heading", name="Tiket peserta")).to_be_visible()
    expect(participant.locator(".ticket__qr svg")).to_be_visible()


def test_story_b_pages_have_no_serious_accessibility_violations_at_320_px(
    demo_pemda_cookies: Cookies,
    demo_participant_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
    axe_violations: AxeViolations,
) -> None:
    base = live_server.url
    finished, _ = _demo_events()
    seat = finished.enrollments.get(asn__user__username="peserta_jambi")
    pemda = new_context(cookies=demo_pemda_cookies, viewport=NARROW, bypass_csp=True).new_page()
    participant = new_context(
        cookies=demo_participant_cookies, viewport=NARROW, bypass_csp=True
    ).new_page()
    pages = [(pemda, url) for url in _story_b_pemda_pages(base)]
    pages += [
        (participant, base + reverse("training:my_invitations")),
        (participant, base + reverse("training:ticket", args=[ticket_link_token(seat.pk)])),
    ]
    problems: dict[str, str] = {}
    for page, url in pages:
        response = page.goto(url)
        if response is None or response.status != 200:
            problems[url] = f"answered {response.status if response else None}"
            continue
        violations = axe_violations(page)
        if violations:
            problems[url] = describe_violations(violations)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            problems[url + " (width)"] = f"scrolls sideways: {width} px"

    assert problems == {}, "\n".join(f"{url}: {text}" for url, text in problems.items())
