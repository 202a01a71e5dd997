"""`peduliham demo`: migrate, load the Kota Jambi demo data, print the accounts, serve."""

import shutil
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.core.demo import DemoStep, StepReport, load_demo
from peduliham.core.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_DEVICE_NAME,
    DEMO_TOTP_SECRET,
)
from peduliham.core.demo.serve import serve

DEFAULT_ADDR = "127.0.0.1:8000"


def peduliham_program() -> str:
    """How to call `peduliham` from here: plain when on PATH, else the virtualenv's script."""
    if shutil.which("peduliham"):
        return "peduliham"
    script = Path(sys.executable).parent / "peduliham"
    if not script.exists():
        return f"{sys.executable} -m peduliham"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


class Command(BaseCommand):
    help = "Migrate, load the Kota Jambi demo data (idempotent) and serve it with a task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Load the data and exit, without starting the web server and worker.",
        )
        parser.add_argument(
            "--addr",
            default=DEFAULT_ADDR,
            help=f"Address the web server listens on (default {DEFAULT_ADDR}).",
        )

    def handle(self, *args: Any, no_serve: bool, addr: str, verbosity: int, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write(_("Memuat data demo Kota Jambi…"))
        started = time.monotonic()
        load_demo(on_step=self.report_step)
        self.stdout.write(
            _("Data demo siap dalam %(seconds).1f detik.") % {"seconds": time.monotonic() - started}
        )
        self.print_accounts()
        if no_serve:
            return
        if settings.SESSION_COOKIE_SECURE:
            self.stderr.write(
                _(
                    "Peringatan: DEBUG mati, jadi cookie sesi hanya dikirim lewat HTTPS dan "
                    "log masuk lewat http:// akan gagal. Jalankan dengan DEBUG=1 (make demo)."
                )
            )
        ready = _("peduliham siap di http://%(addr)s/ (Ctrl-C untuk berhenti)") % {"addr": addr}
        self.stdout.write(self.style.SUCCESS(ready))
        exit_code = serve(addr)
        if exit_code != 0:
            raise CommandError(_("Server web berhenti dengan kode %(code)s") % {"code": exit_code})

    def report_step(self, step: DemoStep, report: StepReport) -> None:
        if report.created:
            status = _("%(count)s data dibuat") % {"count": report.created}
        else:
            status = _("sudah ada, tidak ada yang diubah")
        self.stdout.write(f"  {step.name}: {status}")
        for note in report.notes:
            self.stdout.write(f"    {note}")

    def print_accounts(self) -> None:
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                _("Akun demo (kata sandi semua akun: %(password)s)") % {"password": DEMO_PASSWORD}
            )
        )
        for account in DEMO_ACCOUNTS:
            two_factor = "  [2FA]" if account.requires_two_factor else ""
            self.stdout.write(
                f"  {account.username:<14} {Role(account.role).label:<34} "
                f"{account.scope}{two_factor}"
            )
        self.stdout.write("")
        self.stdout.write(
            _(
                "Akun bertanda [2FA] meminta kode sekali pakai setelah kata sandi. "
                "Ambil kodenya dengan:"
            )
        )
        self.stdout.write(f"    {peduliham_program()} otp_code USERNAME")
        self.stdout.write(
            _(
                "atau tambahkan kunci ini ke aplikasi autentikator (perangkat '%(device)s', "
                "TOTP, SHA1, 6 digit, 30 detik):"
            )
            % {"device": DEMO_TOTP_DEVICE_NAME}
        )
        self.stdout.write(f"    {DEMO_TOTP_SECRET}")
        issuer = quote(settings.OTP_TOTP_ISSUER)
        for account in DEMO_ACCOUNTS:
            if account.requires_two_factor:
                self.stdout.write(
                    f"    otpauth://totp/{issuer}:{account.username}?secret={DEMO_TOTP_SECRET}"
                    f"&issuer={issuer}"
                )
        self.stdout.write("")
