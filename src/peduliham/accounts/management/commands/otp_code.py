"""Print the current one-time code of a demo account, so a demo can be logged into."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

#: Only devices with this name (created by `peduliham demo`) may have their code printed.
DEMO_DEVICE_NAME = "demo"


class Command(BaseCommand):
    help = "Cetak kode TOTP saat ini untuk akun demo (hanya perangkat bernama 'demo')."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        device = (
            TOTPDevice.objects.filter(
                user__username=options["username"], name=DEMO_DEVICE_NAME, confirmed=True
            )
            .order_by("pk")
            .first()
        )
        if device is None:
            raise CommandError(
                f"{options['username']}: no confirmed TOTP device named {DEMO_DEVICE_NAME!r}; "
                "codes are only printed for demo accounts."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
