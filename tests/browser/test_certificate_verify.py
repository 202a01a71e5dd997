"""Certificates in a real browser: public verification, the paper-copy look-up, issuing.

Fixtures that touch the database come before `new_context` in each signature;
see conftest.py for why.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from peduliham.accounts.models import User
from peduliham.certificates.models import Certificate
from peduliham.certificates.services import issue_certificates, revoke_certificate
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event
from tests.browser.conftest import Cookies
from tests.browser.support import NARROW, describe_violations
from tests.certificates.factories import closed_event

NewContext = Callable[..., BrowserContext]
AxeViolations = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture(autouse=True)
def _render_in_process(settings: Any) -> None:
    settings.CERTIFICATE_RENDER_WORKERS = 1


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit) -> Event:
    return closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=2, not_completed=1)


@pytest.fixture
def certificates(event: Event, admin_pemkot_jambi: User) -> list[Certificate]:
    issue_certificates(admin_pemkot_jambi, event=event)  # commits: rendered right away
    return list(Certificate.objects.filter(event=event).order_by("number"))


def verify_url(live_server: LiveServer, certificate: Certificate) -> str:
    return live_server.url + reverse("certificates:verify", args=[certificate.verification_code])


def test_the_qr_address_shows_the_printed_fields_and_a_revoked_one_says_so(
    certificates: list[Certificate],
    admin_pemkot_jambi: User,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    valid, revoked = certificates
    revoke_certificate(admin_pemkot_jambi, certificate=revoked, reason="Data peserta keliru")
    page = new_context().new_page()

    page.goto(verify_url(live_server, valid))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi sertifikat")
    expect(page.locator(".certificate-fields")).to_contain_text(valid.printed["name"])
    expect(page.locator(".certificate-fields")).to_contain_text("27\u201328 Oktober 2025")
    expect(page.get_by_text("Sertifikat ini ASLI dan BERLAKU.")).to_be_visible()

    page.goto(verify_url(live_server, revoked))
    expect(page.get_by_role("alert")).to_contain_text("DICABUT")
    expect(page.get_by_role("alert")).to_contain_text("Data peserta keliru")


def test_a_paper_copy_is_found_by_number_and_nip_with_the_keyboard(
    certificates: list[Certificate], live_server: LiveServer, new_context: NewContext
) -> None:
    certificate = certificates[0]
    page = new_context().new_page()
    page.goto(live_server.url + reverse("certificates:lookup"))

    page.get_by_role("textbox", name="Nomor sertifikat").fill(certificate.number)
    nip = page.get_by_role("textbox", name="NIP pemegang sertifikat")
    nip.fill(certificate.printed["nip"])
    nip.press("Enter")

    expect(page).to_have_url(verify_url(live_server, certificate))
    expect(page.locator(".certificate-fields")).to_contain_text(certificate.number)


def test_an_unknown_code_says_so_clearly(
    event: Event, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context().new_page()

    response = page.goto(live_server.url + "/sertifikat/v/bukan-kode-asli/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sertifikat tidak dikenal")


def test_staff_issue_from_the_event_page_and_see_the_finished_progress(
    event: Event, pemda_cookies: Cookies, live_server: LiveServer, new_context: NewContext
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()
    page.goto(live_server.url + reverse("certificates:event", args=[event.pk]))

    page.get_by_role("button", name="Terbitkan sertifikat bagi semua peserta yang selesai").click()

    expect(page.locator("#certificate-batch")).to_contain_text("2 dari 2 sertifikat sudah dibuat")
    expect(page.locator("progress")).to_have_attribute("value", "2")
    expect(page.get_by_role("table")).to_contain_text("000002/SERT-HAM/15.71/2025")
    assert Certificate.objects.filter(event=event).exclude(pdf="").count() == 2


@pytest.mark.parametrize("viewport", [None, NARROW], ids=["desktop", "320px"])
def test_the_verification_and_event_pages_are_accessible_and_fit_320px(
    certificates: list[Certificate],
    event: Event,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
    axe_violations: AxeViolations,
    viewport: Any,
) -> None:
    options = {"viewport": viewport} if viewport else {}
    public = new_context(bypass_csp=True, **options).new_page()
    staff = new_context(cookies=pemda_cookies, bypass_csp=True, **options).new_page()
    public.goto(verify_url(live_server, certificates[0]))
    staff.goto(live_server.url + reverse("certificates:event", args=[event.pk]))

    for page in (public, staff):
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
        if viewport:
            assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_the_event_page_runs_without_csp_violations(
    certificates: list[Certificate],
    event: Event,
    pemda_cookies: Cookies,
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    page = new_context(cookies=pemda_cookies).new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server.url + reverse("certificates:event", args=[event.pk]))
    page.get_by_role("group").first.locator("summary").click()

    expect(page.get_by_role("textbox", name="Alasan pencabutan").first).to_be_visible()
    assert problems == []
