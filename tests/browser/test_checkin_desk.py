"""The registration desk in a real browser: manual code entry, repeats, forgeries, a11y.

Fixtures that touch the database (the event, its participant, cookies) come
before `new_context` in each signature; see conftest.py for why.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, Request, expect
from pytest_django.live_server_helper import LiveServer

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Attendance, Enrollment, Event
from peduliham.training.tickets import ticket_code, ticket_link_token
from tests.browser.conftest import Cookies
from tests.browser.support import NARROW, describe_violations
from tests.people.asn_factory import make_asn
from tests.training.factories_checkin import running_event, seat

NewContext = Callable[..., BrowserContext]
AxeViolations = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture
def desk_event(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi)


@pytest.fixture
def budi(desk_event: Event, dinkes_jambi: OrgUnit) -> Enrollment:
    return seat(desk_event, make_asn(dinkes_jambi, 1, name="Budi Santoso"))


def desk_url(live_server: LiveServer, event: Event) -> str:
    return live_server.url + reverse("training:checkin_desk", args=[event.pk])


def enter_code(page: Page, code: str) -> None:
    field = page.get_by_role("textbox", name="Kode tiket")
    field.fill(code)
    field.press("Enter")  # by keyboard, as a desk with a handheld scanner would


def test_a_typed_code_checks_in_a_repeat_says_already_and_a_forgery_is_refused_offline(
    budi: Enrollment,
    desk_event: Event,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    code = ticket_code(event_id=desk_event.pk, enrollment_id=budi.pk)
    page = new_context(cookies=pemda_cookies).new_page()
    page.goto(desk_url(live_server, desk_event))
    result = page.locator("#checkin-result")
    posts: list[Request] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)

    enter_code(page, code)
    expect(result.locator("[data-outcome='recorded']")).to_contain_text("Budi Santoso")
    expect(result).to_contain_text("Check-in berhasil pukul")

    enter_code(page, code)
    expect(result.locator("[data-outcome='already']")).to_contain_text("Sudah check-in pukul")

    enter_code(page, code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB"))
    expect(result.locator("[data-outcome='forged']")).to_have_text("Tiket palsu")

    assert len(posts) == 2  # the forgery never left the browser
    assert Attendance.objects.filter(enrollment=budi).count() == 1
    expect(page.locator("[data-day-count]").first).to_have_text("1 / 1")


def test_the_search_fallback_checks_a_participant_in_by_keyboard(
    budi: Enrollment,
    desk_event: Event,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()
    page.goto(desk_url(live_server, desk_event))

    search = page.get_by_role("searchbox", name="NIP atau nama")
    search.fill("19860926 201505 1 001")
    with page.expect_navigation(wait_until="load"):  # checkin.js is in place after "load"
        search.press("Enter")
    button = page.get_by_role("button", name="Check-in Budi Santoso")
    button.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#checkin-result [data-outcome='recorded']")).to_be_visible()
    assert Attendance.objects.get(enrollment=budi).method == "search"


def test_without_javascript_the_typed_code_still_checks_in(
    budi: Enrollment,
    desk_event: Event,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    page = new_context(cookies=pemda_cookies, java_script_enabled=False).new_page()
    page.goto(desk_url(live_server, desk_event))

    enter_code(page, ticket_code(event_id=desk_event.pk, enrollment_id=budi.pk))

    expect(page.locator(".messages")).to_contain_text("Budi Santoso: Check-in berhasil pukul")


@pytest.mark.parametrize("viewport", [None, NARROW], ids=["desktop", "320px"])
def test_the_desk_page_has_no_serious_accessibility_violations_nor_sideways_scroll(
    budi: Enrollment,
    desk_event: Event,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
    axe_violations: AxeViolations,
    viewport: Any,
) -> None:
    options = {"viewport": viewport} if viewport else {}
    page = new_context(cookies=pemda_cookies, bypass_csp=True, **options).new_page()
    page.goto(desk_url(live_server, desk_event) + "?q=budi")
    expect(page.get_by_role("button", name="Check-in Budi Santoso")).to_be_visible()

    violations = axe_violations(page)

    assert violations == [], describe_violations(violations)
    if viewport:
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_the_desk_page_runs_without_script_errors_or_csp_violations(
    desk_event: Event, pemda_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(desk_url(live_server, desk_event))
    page.wait_for_load_state("load")
    expect(page.get_by_role("button", name="Nyalakan kamera")).to_be_visible()

    assert problems == []


def test_the_ticket_page_fits_320_px_and_has_no_serious_accessibility_violations(
    budi: Enrollment,
    live_server: LiveServer,
    new_context: NewContext,
    axe_violations: AxeViolations,
) -> None:
    url = live_server.url + reverse("training:ticket", args=[ticket_link_token(budi.pk)])
    page = new_context(viewport=NARROW, bypass_csp=True).new_page()
    page.goto(url)
    expect(page.get_by_role("heading", name="Tiket peserta")).to_be_visible()

    violations = axe_violations(page)

    assert violations == [], describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_only_the_camera_switch_shows_until_the_camera_runs(
    desk_event: Event, pemda_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()

    page.goto(desk_url(live_server, desk_event))

    expect(page.get_by_role("button", name="Nyalakan kamera")).to_be_visible()
    expect(page.get_by_role("button", name="Matikan kamera")).to_be_hidden()
    expect(page.locator("video")).to_be_hidden()
