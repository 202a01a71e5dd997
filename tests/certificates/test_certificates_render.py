"""Rendering: real PDFs with the printed lines, resumable after a crash, in a pool too."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from peduliham.accounts.models import User
from peduliham.certificates import render, tasks
from peduliham.certificates.models import BatchStatus, Certificate, CertificateBatch
from peduliham.certificates.services import issue_certificates
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event
from tests.certificates.factories import closed_event, issued, pdf_bytes


def lines(certificate: Certificate) -> dict[str, str]:
    with translation.override("id"):
        return tasks.pdf_lines(certificate)


def test_the_pdf_lines_carry_every_printed_field_and_the_absolute_verification_url(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=1, not_completed=0)
    _batch, [certificate] = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    printed_lines = lines(certificate)

    text = " ".join(printed_lines.values())
    for field in ("name", "nip", "event", "dates", "venue", "number", "issued_on"):
        assert certificate.printed[field] in text
    assert "16 jam" in printed_lines["held_line"]
    assert " · ".join(certificate.printed["hosts"]) == printed_lines["hosts_line"]
    assert printed_lines["url"] == (
        f"https://peduliham.example/sertifikat/v/{certificate.verification_code}/"
    )


def test_a_certificate_is_a_one_page_a4_landscape_pdf_of_modest_size(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=1, not_completed=0)
    _batch, [certificate] = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    pdf = pdf_bytes(certificate)

    assert pdf.startswith(b"%PDF-")
    assert re.findall(rb"/Count (\d+)", pdf) == [b"1"]  # one page
    assert b"/MediaBox[0 0 841.8898 595.2756]" in pdf  # A4 (297 x 210 mm), landscape
    assert 5_000 < len(pdf) < 200_000


def test_names_with_typst_markup_characters_print_as_written() -> None:
    hostile = dict.fromkeys(render_keys(), '#panic("x") $a$ *b* [c]')
    hostile["url"] = "https://peduliham.example/sertifikat/v/x/"

    pdf = render.render_pdf(hostile)

    assert pdf.startswith(b"%PDF")


def render_keys() -> list[str]:
    return [
        "document_title",
        "title",
        "hosts_line",
        "number_line",
        "given_to",
        "name",
        "nip_line",
        "as_participant",
        "event",
        "held_line",
        "issued_line",
        "verify_line",
        "code",
    ]


def test_a_crash_halfway_is_finished_by_running_the_task_again_without_duplicates(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=6, not_completed=0)
    batch = issue_certificates(admin_pemkot_jambi, event=event)  # not committed: no task yet
    monkeypatch.setattr(tasks, "CHUNK", 2)
    real = render.render_pdf
    calls = {"n": 0}

    def crash_on_the_fourth(data: render.Lines) -> bytes:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("worker killed")
        return real(data)

    monkeypatch.setattr(render, "render_pdf", crash_on_the_fourth)
    with pytest.raises(RuntimeError):
        tasks.render_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (BatchStatus.FAILED, 2)
    assert "worker killed" in batch.error

    rendered = tasks.render_batch(batch.pk)

    batch.refresh_from_db()
    assert (rendered, batch.status, batch.done, batch.total) == (4, BatchStatus.DONE, 6, 6)
    certificates = Certificate.objects.filter(event=event)
    assert certificates.count() == 6
    assert len({c.pdf.name for c in certificates}) == 6
    folder = Path(certificates[0].pdf.path).parent
    assert {path.name for path in folder.iterdir()} == {f"{c.pk}.pdf" for c in certificates}


def test_a_pdf_stored_but_not_recorded_is_replaced_not_doubled(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=1, not_completed=0)
    batch = issue_certificates(admin_pemkot_jambi, event=event)
    certificate = Certificate.objects.get(event=event)
    tasks.store_pdf(certificate, b"%PDF-left over by a killed worker")  # saved, never recorded

    tasks.render_batch(batch.pk)

    certificate.refresh_from_db()
    assert certificate.pdf.name == tasks.pdf_name(certificate)
    assert len(pdf_bytes(certificate)) > 1_000


def test_a_finished_batch_run_again_does_nothing(
    admin_pemkot_jambi: User, django_capture_on_commit_callbacks: Any, event: Event
) -> None:
    batch, _certificates = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)

    assert tasks.render_batch(batch.pk) == 0
    assert CertificateBatch.objects.get(pk=batch.pk).status == BatchStatus.DONE


def test_a_process_pool_of_two_renders_the_same_pdfs_in_order(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=5, not_completed=0)
    batch = issue_certificates(admin_pemkot_jambi, event=event)

    assert tasks.render_batch(batch.pk, workers=2) == 5

    certificates = Certificate.objects.filter(event=event).order_by("pk")
    assert all(pdf_bytes(c).startswith(b"%PDF") for c in certificates)
    assert CertificateBatch.objects.get(pk=batch.pk).done == 5


def test_the_qr_svg_draws_exactly_the_dark_modules_of_the_code() -> None:
    import segno

    url = "https://peduliham.example/sertifikat/v/JWIkSz_dN9ccex_Sh6dUHA/"
    svg = render.qr_svg(url)
    matrix = segno.make_qr(url, error="m", mask=0, mode="byte").matrix
    drawn: set[tuple[int, int]] = set()
    for x, y, length in re.findall(r"M(\d+) (\d+)\.5h(\d+)", svg):
        row = int(y) - render.QUIET_ZONE
        start = int(x) - render.QUIET_ZONE
        drawn |= {(row, column) for column in range(start, start + int(length))}

    dark = {(r, c) for r, row in enumerate(matrix) for c, cell in enumerate(row) if cell}
    assert drawn == dark
    size = len(matrix) + 2 * render.QUIET_ZONE
    assert f'viewBox="0 0 {size} {size}"' in svg
