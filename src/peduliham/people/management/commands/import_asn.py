"""`peduliham import_asn PATH --region CODE`: import a region's ASN registry file."""

import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peduliham.core.errors import DomainError
from peduliham.people.importing import ImportSummary, import_asn, several_sheets
from peduliham.regions.models import Region


class ProgressBar:
    """A one-line bar on a terminal, redrawn at most a few times a second."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        filled = self.WIDTH * done // total if total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Impor registri ASN dari berkas .csv, .xlsx atau .xls ke satu wilayah."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="berkas .csv, .xlsx atau .xls")
        parser.add_argument("--region", required=True, help="kode Kemendagri, mis. 15.71")
        parser.add_argument("--dry-run", action="store_true", help="periksa tanpa menyimpan")
        parser.add_argument("--errors", type=Path, help="tulis baris yang ditolak ke CSV ini")
        parser.add_argument("--json", action="store_true", help="ringkasan JSON di baris terakhir")
        parser.add_argument(
            "--create-units", action="store_true", help="buat unit kerja yang belum ada"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["region"], valid_until__isnull=True).first()
        if region is None:
            raise CommandError(
                _("Wilayah %(code)s tidak ditemukan") % {"code": options["region"]}, returncode=2
            )
        show_bar = not options["json"] and sys.stderr.isatty()
        try:
            summary = import_asn(
                None,
                path=options["path"],
                region=region,
                dry_run=options["dry_run"],
                create_units=options["create_units"],
                errors_path=options["errors"],
                progress=ProgressBar(sys.stderr) if show_bar else None,
            )
        except DomainError as exc:
            raise CommandError(f"{exc.message} [{exc.code}]", returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(_json_summary(summary)))
        else:
            self.stdout.write(_human_summary(summary, region))


def _json_summary(summary: ImportSummary) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "rows": summary.rows,
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
        "errors_file": summary.errors_file,
    }
    if summary.skipped:
        # Only when there were any, so the documented shape holds for an ordinary file.
        shown["skipped"] = summary.skipped
    if sheets := several_sheets(summary.sheets):
        shown["sheets"] = sheets
    return shown


def _human_summary(summary: ImportSummary, region: Region) -> str:
    lines = [
        _("Uji coba (tidak ada yang disimpan)")
        if summary.dry_run
        else _("Impor ASN %(region)s selesai") % {"region": region},
        _("Baris data   : %(count)s") % {"count": summary.rows},
        _("Baru         : %(count)s") % {"count": summary.created},
        _("Diperbarui   : %(count)s") % {"count": summary.updated},
        _("Tidak berubah: %(count)s") % {"count": summary.unchanged},
        _("Ditolak      : %(count)s") % {"count": summary.rejected},
    ]
    if summary.skipped:
        lines.append(
            _("Dilewati     : %(count)s (judul berulang, nomor kolom, jumlah, tanda tangan)")
            % {"count": summary.skipped}
        )
    if sheets := several_sheets(summary.sheets):
        lines.append(_("Lembar dibaca: %(sheets)s") % {"sheets": ", ".join(sheets)})
    if summary.units_created:
        lines.append(_("Unit kerja baru: %(count)s") % {"count": summary.units_created})
    if summary.resumed:
        lines.append(_("Melanjutkan impor yang sebelumnya terhenti."))
    if summary.errors_file:
        lines.append(_("Laporan baris ditolak: %(path)s") % {"path": summary.errors_file})
    elif summary.rejected:
        lines.append(_("Gunakan --errors BERKAS.csv untuk menyimpan alasan penolakan."))
    return "\n".join(lines)
