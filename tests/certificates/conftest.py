"""Certificate tests keep their PDFs in a temporary media folder and render in-process."""

from pathlib import Path
from typing import Any

import pytest

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event
from tests.certificates.factories import closed_event


@pytest.fixture(autouse=True)
def _media_and_workers(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CERTIFICATE_RENDER_WORKERS = 1
    settings.SITE_URL = "https://peduliham.example"


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit) -> Event:
    """The usual closed Kota Jambi event: 3 completers, 1 not, co-hosted by Kanwil Jambi."""
    return closed_event(admin_pusat, kota_jambi, dinkes_jambi)
