"""`peduliham close_expired_attempts`: submit exam attempts whose time ran out.

Safe from cron every minute and on several machines at once: rows are
claimed with a conditional UPDATE, so each attempt is submitted once.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from peduliham.assessment.services.exams import close_expired_attempts


class Command(BaseCommand):
    help = "Kumpulkan otomatis setiap pengerjaan ujian yang batas waktunya sudah lewat."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_expired_attempts()
        self.stdout.write(_("%(n)d pengerjaan dikumpulkan otomatis.") % {"n": closed})
