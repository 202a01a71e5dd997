"""The certificate pages: staff event page, participant's own, public verification."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.certificates.models import Certificate, CertificateBatch
from peduliham.certificates.services import revoke_certificate
from peduliham.core.models import AuditEntry
from peduliham.people.models import ASN
from peduliham.regions.models import Region
from peduliham.training.models import Event
from tests.certificates.factories import issued

type Login = Callable[[User], Client]


@pytest.fixture
def certificates(
    event: Event, admin_pemkot_jambi: User, django_capture_on_commit_callbacks: Any
) -> list[Certificate]:
    return issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)[1]


def owned_by(user: User, certificate: Certificate) -> Certificate:
    ASN.objects.filter(pk=certificate.enrollment.asn_id).update(user=user)
    return certificate


def test_the_event_page_lists_numbers_and_shows_the_batch_progress(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, certificates: list[Certificate]
) -> None:
    response = logged_in(admin_pemkot_jambi).get(reverse("certificates:event", args=[event.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert all(c.number in html for c in certificates)
    assert "3 dari 3 sertifikat sudah dibuat" in html
    assert reverse("certificates:event_zip", args=[event.pk]) in html


def test_the_issue_button_issues_and_the_page_polls_while_rendering(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    client = logged_in(admin_pemkot_jambi)

    response = client.post(reverse("certificates:issue", args=[event.pk]), follow=True)

    assert Certificate.objects.filter(event=event).count() == 3
    batch = CertificateBatch.objects.get(event=event)
    html = response.content.decode()
    assert reverse("certificates:batch_status", args=[batch.pk]) in html
    assert 'hx-trigger="every 2s"' in html
    status = client.get(reverse("certificates:batch_status", args=[batch.pk]))
    assert status.status_code == 200
    assert "0 dari 3" in status.content.decode()


def test_issuing_twice_shows_the_reason_instead_of_failing(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, certificates: list[Certificate]
) -> None:
    response = logged_in(admin_pemkot_jambi).post(
        reverse("certificates:issue", args=[event.pk]), follow=True
    )

    assert response.status_code == 200
    assert "sudah memiliki sertifikat" in response.content.decode()
    assert Certificate.objects.filter(event=event).count() == 3


@pytest.mark.parametrize("persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru"])
def test_staff_of_another_region_get_404_on_every_staff_page(
    persona: str,
    request: pytest.FixtureRequest,
    logged_in: Login,
    event: Event,
    certificates: list[Certificate],
) -> None:
    client = logged_in(request.getfixturevalue(persona))
    batch = CertificateBatch.objects.get(event=event)

    responses = [
        client.get(reverse("certificates:event", args=[event.pk])),
        client.post(reverse("certificates:issue", args=[event.pk])),
        client.get(reverse("certificates:event_zip", args=[event.pk])),
        client.get(reverse("certificates:batch_status", args=[batch.pk])),
        client.post(reverse("certificates:revoke", args=[certificates[0].pk]), {"alasan": "x"}),
        client.get(reverse("certificates:download", args=[certificates[0].pk])),
    ]

    assert [r.status_code for r in responses] == [404] * 6
    assert not Certificate.objects.filter(revoked_at__isnull=False).exists()


def test_the_revoke_form_records_the_reason_and_a_blank_reason_is_refused(
    logged_in: Login, admin_pemkot_jambi: User, certificates: list[Certificate]
) -> None:
    client = logged_in(admin_pemkot_jambi)
    url = reverse("certificates:revoke", args=[certificates[0].pk])

    blank = client.post(url, {"alasan": "  "}, follow=True)
    done = client.post(url, {"alasan": "Identitas keliru"}, follow=True)

    assert "wajib" in blank.content.decode().lower()
    assert "dicabut" in done.content.decode()
    certificates[0].refresh_from_db()
    assert certificates[0].revoke_reason == "Identitas keliru"


def test_the_zip_download_streams_an_archive(
    logged_in: Login, admin_pemkot_jambi: User, event: Event, certificates: list[Certificate]
) -> None:
    response = logged_in(admin_pemkot_jambi).get(reverse("certificates:event_zip", args=[event.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]  # closes the file
    assert body.startswith(b"PK")
    assert AuditEntry.objects.filter(action="peduliham.certificate.zip_downloaded").count() == 1


def test_a_participant_sees_and_downloads_only_their_own(
    logged_in: Login, peserta_budi: User, certificates: list[Certificate]
) -> None:
    mine = owned_by(peserta_budi, certificates[0])
    client = logged_in(peserta_budi)

    page = client.get(reverse("certificates:mine"))
    own = client.get(reverse("certificates:download", args=[mine.pk]))
    other = client.get(reverse("certificates:download", args=[certificates[1].pk]))
    staff_page = client.get(reverse("certificates:event", args=[mine.event_id]))

    html = page.content.decode()
    assert mine.number in html
    assert certificates[1].number not in html
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert (other.status_code, staff_page.status_code) == (404, 404)


def test_a_participant_cannot_download_a_revoked_certificate(
    logged_in: Login,
    peserta_budi: User,
    admin_pemkot_jambi: User,
    certificates: list[Certificate],
) -> None:
    mine = owned_by(peserta_budi, certificates[0])
    revoke_certificate(admin_pemkot_jambi, certificate=mine, reason="Dobel")

    response = logged_in(peserta_budi).get(reverse("certificates:download", args=[mine.pk]))

    assert response.status_code == 404


def test_the_verification_page_shows_every_printed_field_without_login(
    client: Client, certificates: list[Certificate]
) -> None:
    certificate = certificates[0]

    response = client.get(reverse("certificates:verify", args=[certificate.verification_code]))

    assert response.status_code == 200
    html = response.content.decode()
    printed = certificate.printed
    for field in ("number", "name", "nip", "event", "dates", "venue", "issued_on"):
        assert str(printed[field]) in html
    assert "16 jam" in html
    assert all(host in html for host in printed["hosts"])
    assert "ASLI dan BERLAKU" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_a_revoked_certificate_says_revoked_with_date_and_reason(
    client: Client, admin_pemkot_jambi: User, certificates: list[Certificate]
) -> None:
    revoke_certificate(admin_pemkot_jambi, certificate=certificates[0], reason="Data dipalsukan")

    response = client.get(reverse("certificates:verify", args=[certificates[0].verification_code]))

    html = response.content.decode()
    assert "DICABUT" in html
    assert "Data dipalsukan" in html
    assert "ASLI dan BERLAKU" not in html


@pytest.mark.parametrize("code", ["tidak-ada", "x" * 200, "%F0%9F%92%A9"])
def test_an_unknown_code_gets_a_clear_404_page(client: Client, db: None, code: str) -> None:
    response = client.get(f"/sertifikat/v/{code}/")

    assert response.status_code == 404
    assert "tidak dikenal" in response.content.decode().lower()


def test_the_lookup_by_number_and_nip_leads_to_the_verification_page(
    client: Client, certificates: list[Certificate]
) -> None:
    certificate = certificates[0]

    response = client.post(
        reverse("certificates:lookup"),
        {"nomor": f" {certificate.number} ", "nip": certificate.printed["nip"]},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "certificates:verify", args=[certificate.verification_code]
    )


def test_the_lookup_with_a_wrong_nip_or_bad_input_finds_nothing(
    client: Client, certificates: list[Certificate]
) -> None:
    number = certificates[0].number
    other_nip = certificates[1].printed["nip"]

    wrong = client.post(reverse("certificates:lookup"), {"nomor": number, "nip": other_nip})
    bad = client.post(reverse("certificates:lookup"), {"nomor": "", "nip": "12ab"})
    empty = client.get(reverse("certificates:lookup"))

    assert wrong.status_code == 404
    assert "Tidak ada sertifikat" in wrong.content.decode()
    assert bad.status_code == 200
    assert "18 angka" in bad.content.decode()
    assert empty.status_code == 200


def test_an_event_not_closed_shows_no_issue_button(
    logged_in: Login, admin_pemkot_jambi: User, admin_pusat: User, kota_jambi: Region
) -> None:
    from tests.training.factories_checkin import running_event

    event = running_event(admin_pusat, kota_jambi)

    response = logged_in(admin_pemkot_jambi).get(reverse("certificates:event", args=[event.pk]))

    assert response.status_code == 200
    assert reverse("certificates:issue", args=[event.pk]) not in response.content.decode()


def test_issuing_from_the_page_for_an_open_event_shows_the_error(
    logged_in: Login, admin_pemkot_jambi: User, admin_pusat: User, kota_jambi: Region
) -> None:
    from tests.training.factories_checkin import running_event

    event = running_event(admin_pusat, kota_jambi)

    response = logged_in(admin_pemkot_jambi).post(
        reverse("certificates:issue", args=[event.pk]), follow=True
    )

    assert response.status_code == 200
    assert "setelah kegiatan ditutup" in response.content.decode()


def test_the_closed_event_page_links_to_its_certificates(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    response = logged_in(admin_pemkot_jambi).get(reverse("training:event_detail", args=[event.pk]))

    assert reverse("certificates:event", args=[event.pk]) in response.content.decode()


def test_participants_find_their_certificates_in_the_menu(
    logged_in: Login, peserta_budi: User
) -> None:
    response = logged_in(peserta_budi).get(reverse("certificates:mine"))

    assert response.status_code == 200
    assert f'href="{reverse("certificates:mine")}" aria-current="page"' in response.content.decode()


def test_an_opd_admin_downloads_their_staff_certificates_but_does_not_manage_the_event(
    logged_in: Login, admin_dinkes_jambi: User, event: Event, certificates: list[Certificate]
) -> None:
    client = logged_in(admin_dinkes_jambi)

    download = client.get(reverse("certificates:download", args=[certificates[0].pk]))
    manage = client.get(reverse("certificates:event", args=[event.pk]))

    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert manage.status_code == 404


def test_unknown_ids_and_wrong_methods_are_refused_cleanly(
    logged_in: Login, admin_pemkot_jambi: User, event: Event
) -> None:
    client = logged_in(admin_pemkot_jambi)

    responses = [
        client.get(reverse("certificates:event", args=[999_999])),
        client.get(reverse("certificates:batch_status", args=[999_999])),
        client.post(reverse("certificates:revoke", args=[999_999]), {"alasan": "x"}),
        client.get(reverse("certificates:download", args=[999_999])),
        client.get(reverse("certificates:issue", args=[event.pk])),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 405]
    assert not Certificate.objects.exists()
