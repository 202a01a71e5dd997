"""The base layout in a real browser: log-in, keyboard use, narrow screens, language.

Fixtures that touch the database (users, cookies) come before `page` and
`new_context` in each signature; see conftest.py for why.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from peduliham.accounts.models import User
from tests.browser.conftest import Cookies
from tests.browser.support import NARROW, describe_violations
from tests.conftest import PASSWORD

NewContext = Callable[..., BrowserContext]
# Pages of the Kota Jambi Pemda admin: (URL name, URL kwargs).
PEMDA_PAGES: list[tuple[str, dict[str, str]]] = [
    ("accounts:home", {}),
    ("regions:list", {}),
    ("regions:detail", {"code": "15.71"}),
    ("regions:unit_create", {"code": "15.71"}),
    ("people:list", {}),
    ("people:import_create", {}),
    ("core:audit", {}),
    ("accounts:password_change", {}),
]
AxeViolations = Callable[[Page], list[dict[str, Any]]]


def test_a_pemda_admin_logs_in_through_the_form_and_lands_on_the_home_page(
    admin_pemkot_jambi: User, live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.locator("input[name='username']").fill("admin_pemkot_jambi")
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("main button[type='submit']").click()

    expect(page).to_have_url(live_server.url + reverse("accounts:home"))
    expect(page.locator(".user-info__name")).to_have_text("admin_pemkot_jambi")
    expect(page.locator(".user-info__role")).to_have_text("Admin Pemda · Kota Jambi")


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    pemda_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()
    page.goto(live_server.url + reverse("accounts:home"))

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Langsung ke isi utama")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()


def test_the_skip_link_stays_out_of_sight_until_it_is_focused(
    live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + "/halaman-yang-tidak-ada/")

    expect(page.locator(".skip-link")).not_to_be_in_viewport()


def test_keyboard_focus_is_drawn_with_a_visible_outline(
    pemda_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()
    page.goto(live_server.url + reverse("accounts:home"))

    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert style[0] == "solid"
        assert style[1] >= 2


@pytest.mark.parametrize(("url_name", "kwargs"), PEMDA_PAGES)
def test_signed_in_pages_do_not_scroll_sideways_at_320_px(
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
    url_name: str,
    kwargs: dict[str, str],
) -> None:
    page = new_context(cookies=pemda_cookies, viewport=NARROW).new_page()

    page.goto(live_server.url + reverse(url_name, kwargs=kwargs))

    expect(page.locator(".user-info__name")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.mark.parametrize("path", ["/akun/masuk/", "/halaman-yang-tidak-ada/"])
def test_public_pages_do_not_scroll_sideways_at_320_px(
    live_server: LiveServer, new_context: NewContext, path: str
) -> None:
    page = new_context(viewport=NARROW).new_page()

    page.goto(live_server.url + path)

    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_the_language_switch_turns_the_page_into_english_and_back(
    live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    expect(page.locator("html")).to_have_attribute("lang", "id")

    page.get_by_label("Bahasa").select_option("en")
    page.get_by_role("button", name="Ganti bahasa").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server.url + reverse("accounts:login"))
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()

    page.get_by_label("Language").select_option("id")
    page.get_by_role("button", name="Change language").click()

    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_the_login_page_has_no_serious_accessibility_violations(
    live_server: LiveServer, new_context: NewContext, axe_violations: AxeViolations
) -> None:
    page = new_context(bypass_csp=True).new_page()
    page.goto(live_server.url + reverse("accounts:login"))

    violations = axe_violations(page)

    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize(
    ("url_name", "kwargs", "viewport"),
    [(name, kwargs, None) for name, kwargs in PEMDA_PAGES] + [("accounts:home", {}, NARROW)],
    ids=[name for name, _ in PEMDA_PAGES] + ["accounts:home-320px"],
)
def test_signed_in_pages_have_no_serious_accessibility_violations(
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
    axe_violations: AxeViolations,
    url_name: str,
    kwargs: dict[str, str],
    viewport: Any,
) -> None:
    options = {"viewport": viewport} if viewport else {}
    page = new_context(cookies=pemda_cookies, bypass_csp=True, **options).new_page()
    page.goto(live_server.url + reverse(url_name, kwargs=kwargs))
    expect(page.locator(".user-info__name")).to_be_visible()

    violations = axe_violations(page)

    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("url_name", ["accounts:login", "accounts:home", "regions:list"])
def test_pages_load_without_content_security_policy_violations_or_script_errors(
    pemda_cookies: Cookies, live_server: LiveServer, new_context: NewContext, url_name: str
) -> None:
    cookies = [] if url_name == "accounts:login" else pemda_cookies
    page = new_context(cookies=cookies).new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server.url + reverse(url_name))
    page.wait_for_load_state("load")

    assert problems == []
