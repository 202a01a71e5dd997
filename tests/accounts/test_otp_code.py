import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from peduliham.accounts.models import User
from tests.accounts.helpers import current_token

NOW = datetime.datetime(2025, 10, 27, 1, 0, tzinfo=datetime.UTC)


def test_it_prints_the_current_code_of_a_demo_device(admin_pusat: User) -> None:
    device = TOTPDevice.objects.create(user=admin_pusat, name="demo", confirmed=True)
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("otp_code", "admin_pusat", stdout=out)
        assert out.getvalue().strip() == current_token(device)
        assert device.verify_token(out.getvalue().strip())


def test_it_refuses_a_device_not_named_demo(admin_pusat: User) -> None:
    TOTPDevice.objects.create(user=admin_pusat, name="telepon", confirmed=True)
    with pytest.raises(CommandError, match="demo"):
        call_command("otp_code", "admin_pusat", stdout=StringIO())


def test_it_refuses_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("otp_code", "tidak_ada", stdout=StringIO())
