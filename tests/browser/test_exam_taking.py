"""Taking a test on a phone: autosave with script, resume after reload, offline retry,
and the plain form without JavaScript.

Fixtures that touch the database come before `new_context` in each signature;
see conftest.py for why.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from peduliham.accounts.models import User
from peduliham.assessment.models import Answer, Exam, ExamAttempt
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event
from tests.assessment.factories_exams import (
    _fresh_structure_cache,  # noqa: F401
    make_bank,
    make_exam,
    participant,
)
from tests.browser.conftest import Cookies, session_cookies
from tests.browser.support import NARROW, describe_violations
from tests.training.factories_checkin import running_event

NewContext = Callable[..., BrowserContext]
AxeViolations = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture
def hall_event(admin_pusat: User, kota_jambi: Region) -> Event:
    make_bank()
    return running_event(admin_pusat, kota_jambi)


@pytest.fixture
def hall_exam(hall_event: Event, admin_pemkot_jambi: User) -> Exam:
    return make_exam(admin_pemkot_jambi, hall_event)


@pytest.fixture
def ani_cookies(hall_event: Event, dinkes_jambi: OrgUnit, live_server: LiveServer) -> Cookies:
    user, _seat = participant(hall_event, dinkes_jambi, 1)
    return session_cookies(user, live_server.url)


def take_url(live_server: LiveServer, exam: Exam) -> str:
    return live_server.url + reverse("assessment:exam_take", args=[exam.pk])


def question(page: Page, index: int = 0) -> Locator:
    return page.locator("fieldset.exam-question").nth(index)


def test_answers_save_as_chosen_survive_a_reload_and_a_lost_connection(
    hall_exam: Exam, ani_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    context = new_context(cookies=ani_cookies, viewport=NARROW)
    page = context.new_page()
    page.goto(take_url(live_server, hall_exam))
    page.get_by_role("button", name="Mulai: satu soal per layar").click()
    expect(page.locator("legend").first).to_contain_text("Soal 1 dari 12")
    expect(page.locator("[data-countdown]")).to_contain_text("Sisa waktu")

    chosen = question(page).get_by_role("radio").nth(2)
    chosen.check()
    expect(page.locator("#exam-status")).to_have_text("Jawaban soal 1 tersimpan.")
    assert Answer.objects.count() == 1

    page.reload()
    expect(question(page).get_by_role("radio").nth(2)).to_be_checked()

    page.get_by_role("link", name="Tampilkan semua soal dalam satu halaman").click()
    context.set_offline(True)
    question(page, 1).get_by_role("radio").first.check()
    expect(page.locator("#exam-status")).to_contain_text("dikirim ulang")
    context.set_offline(False)
    expect(page.locator("#exam-status")).to_have_text("Jawaban soal 2 tersimpan.", timeout=15_000)
    assert Answer.objects.count() == 2

    page.get_by_role("button", name="Selesai dan kumpulkan").click()
    expect(page.get_by_text("10 soal belum dijawab")).to_be_visible()
    page.get_by_role("button", name="Ya, kumpulkan sekarang").click()
    expect(page.get_by_role("status")).to_contain_text("Ujian Anda sudah dikumpulkan.")
    attempt = ExamAttempt.objects.get()
    assert attempt.submitted_at is not None
    assert attempt.total == 12


def test_without_javascript_the_plain_form_completes_the_exam(
    hall_exam: Exam, ani_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(cookies=ani_cookies, java_script_enabled=False).new_page()
    page.goto(take_url(live_server, hall_exam))
    page.get_by_role("button", name="Mulai: satu soal per layar").click()
    question(page).get_by_role("radio").first.check()
    page.get_by_role("button", name="Berikutnya").click()
    expect(page.locator("legend").first).to_contain_text("Soal 2 dari 12")
    page.get_by_role("button", name="Sebelumnya").click()
    expect(question(page).get_by_role("radio").first).to_be_checked()

    page.get_by_role("link", name="Tampilkan semua soal dalam satu halaman").click()
    for index in range(12):
        question(page, index).get_by_role("radio").first.check()
    page.get_by_role("button", name="Selesai dan kumpulkan").click()
    expect(page.get_by_text("Semua 12 soal sudah dijawab.")).to_be_visible()
    page.get_by_role("button", name="Ya, kumpulkan sekarang").click()

    expect(page.get_by_role("status")).to_contain_text("Ujian Anda sudah dikumpulkan.")
    assert Answer.objects.count() == 12
    assert ExamAttempt.objects.get().submitted_at is not None


@pytest.mark.parametrize("layout", ["?nomor=1", "?tampilan=semua"], ids=["one", "all"])
def test_the_exam_page_fits_320_px_without_serious_accessibility_violations_or_script_errors(
    hall_exam: Exam,
    ani_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
    axe_violations: AxeViolations,
    layout: str,
) -> None:
    strict = new_context(cookies=ani_cookies, viewport=NARROW).new_page()
    problems: list[str] = []
    strict.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    strict.on("pageerror", lambda error: problems.append(str(error)))
    strict.goto(take_url(live_server, hall_exam))
    strict.get_by_role("button", name="Mulai: satu soal per layar").click()
    strict.goto(take_url(live_server, hall_exam) + layout)
    expect(strict.locator("[data-countdown]")).to_contain_text("Sisa waktu")
    assert problems == []

    page = new_context(cookies=ani_cookies, viewport=NARROW, bypass_csp=True).new_page()
    page.goto(take_url(live_server, hall_exam) + layout)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
