"""The printable desk list: every seated participant per OPD with a small QR, as a PDF.

Typst lays the list out (deskpdf.typ). The data goes in as one JSON input
that the template reads as values, so no participant's name is ever parsed
as Typst markup: that is the escaping. The QR codes are segno SVGs embedded
as bytes; their mask is fixed because choosing the best of eight masks is
four fifths of segno's time, and a 1,000-person list must render in seconds.
"""

import io
import json
from collections.abc import Iterable, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import segno
import typst
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from peduliham.training.models import Enrollment, Event, EventDay
from peduliham.training.tickets import ticket_code

TEMPLATE = Path(__file__).with_name("deskpdf.typ")


def qr_svg(text: str, *, fixed_mask: bool = False) -> str:
    """A QR code of `text` as a standalone SVG document (black on transparent)."""
    options: dict[str, Any] = {"mask": 0} if fixed_mask else {}
    # The code is base64url text: byte mode outright, instead of segno guessing segments.
    options["mode"] = "byte"
    code = segno.make_qr(text, error="m", **options)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=2, xmldecl=False, nl=False, omitsize=True, light="#fff")
    return buffer.getvalue().decode("ascii")


def days_line(days: Sequence[EventDay]) -> str:
    return ", ".join(
        f"{formats.date_format(day.date, 'l, j F Y')} {day.starts_at:%H.%M}-{day.ends_at:%H.%M}"
        for day in days
    )


def _row(number: int, enrollment: Enrollment) -> dict[str, Any]:
    code = ticket_code(event_id=enrollment.event_id, enrollment_id=enrollment.pk)
    return {
        "number": str(number),
        "name": enrollment.asn.full_name,
        "nip": enrollment.asn.nip,
        "opd": enrollment.opd.name,
        "qr": qr_svg(code, fixed_mask=True),
    }


def _groups(enrollments: Iterable[Enrollment], day_labels: list[str]) -> list[dict[str, Any]]:
    groups = []
    number = 0
    for _opd, members in groupby(enrollments, key=lambda e: e.opd_id):
        rows = []
        for enrollment in members:
            number += 1
            rows.append(_row(number, enrollment))
        groups.append(
            {"opd": rows[0]["opd"], "count": str(len(rows)), "rows": rows, "days": day_labels}
        )
    return groups


def desk_list_data(
    event: Event, days: Sequence[EventDay], enrollments: Iterable[Enrollment]
) -> dict[str, Any]:
    """Everything the Typst template prints, as plain JSON values."""
    day_labels = [_("Hari %(number)d") % {"number": n} for n in range(1, len(days) + 1)]
    return {
        "title": _("Daftar registrasi: %(event)s") % {"event": event.title},
        "event_line": f"{event.venue} · {event.host_region.name}",
        "days_line": days_line(days),
        "footer": _("Paraf kolom hari saat peserta hadir. Pindai QR untuk check-in."),
        "labels": {"number": _("No."), "participant": _("Nama / NIP / OPD"), "qr": _("QR")},
        "groups": _groups(enrollments, day_labels),
    }


def render_desk_list(
    event: Event, days: Sequence[EventDay], enrollments: Iterable[Enrollment]
) -> bytes:
    """The desk list as PDF bytes, in Indonesian whatever the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        data = desk_list_data(event, days, enrollments)
    pdf: bytes = typst.compile(
        TEMPLATE.read_bytes(),
        format="pdf",
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        ignore_system_fonts=True,  # the embedded fonts: the same PDF on every server
    )
    return pdf
