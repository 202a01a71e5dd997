"""`peduliham load_question_bank [PATH.xlsx|PATH.json]`: load a question bank (default: the
starter bank). Idempotent: a code already present is updated only when its content differs."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peduliham.assessment.bank_xlsx import STARTER_BANK, ImportReport, load_bank_file
from peduliham.core.errors import DomainError


class Command(BaseCommand):
    help = "Muat bank soal dari berkas .xlsx atau .json (bawaan: bank soal awal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", type=Path, nargs="?", default=STARTER_BANK, help="berkas .xlsx atau .json"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(_("Berkas %(path)s tidak ditemukan") % {"path": path}, returncode=2)
        try:
            report = load_bank_file(None, path)
        except DomainError as exc:
            raise CommandError(f"{exc.message} [{exc.code}]", returncode=2) from exc
        self.stdout.write(_summary(report))
        if report.rejected:
            raise CommandError(
                _("%(count)s baris ditolak") % {"count": len(report.rejected)}, returncode=1
            )


def _summary(report: ImportReport) -> str:
    counts = report.counts
    lines = [
        _("Baru         : %(count)s") % {"count": counts["created"]},
        _("Diperbarui   : %(count)s") % {"count": counts["updated"]},
        _("Tidak berubah: %(count)s") % {"count": counts["unchanged"]},
        _("Ditolak      : %(count)s") % {"count": counts["rejected"]},
    ]
    lines += [
        _("Baris %(row)s %(code)s: %(reason)s")
        % {"row": row.number, "code": row.code, "reason": row.reason}
        for row in report.rejected
    ]
    return "\n".join(lines)
