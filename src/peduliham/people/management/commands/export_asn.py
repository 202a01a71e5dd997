"""`peduliham export_asn --region CODE PATH [--include-inactive]`: write a region's active ASN
(or all of them) as .csv or .xlsx."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peduliham.people import exporting, selectors
from peduliham.regions.models import Region

WRITERS = {".csv": exporting.write_csv, ".xlsx": exporting.write_xlsx}


class Command(BaseCommand):
    help = "Ekspor registri ASN aktif satu wilayah ke .csv atau .xlsx (bisa diimpor kembali)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="berkas tujuan .csv atau .xlsx")
        parser.add_argument("--region", required=True, help="kode Kemendagri, mis. 15.71")
        parser.add_argument(
            "--include-inactive",
            action="store_true",
            help="sertakan ASN tidak aktif (kolom KEDUDUKAN HUKUM menyebut alasannya)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        writer = WRITERS.get(path.suffix.lower())
        if writer is None:
            raise CommandError(
                _("Jenis berkas %(suffix)s tidak didukung; gunakan .csv atau .xlsx")
                % {"suffix": path.suffix or "(tanpa akhiran)"},
                returncode=2,
            )
        region = Region.objects.filter(code=options["region"], valid_until__isnull=True).first()
        if region is None:
            raise CommandError(
                _("Wilayah %(code)s tidak ditemukan") % {"code": options["region"]}, returncode=2
            )
        records = selectors.registry_of(region, include_inactive=options["include_inactive"])
        count = records.count()
        writer(exporting.export_rows(records), path)
        self.stdout.write(
            _("%(count)s ASN %(region)s ditulis ke %(path)s")
            % {"count": count, "region": region, "path": path}
        )
