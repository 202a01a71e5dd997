"""Certificate tests keep their PDFs in a temporary media folder and render in-process."""

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media_and_workers(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CERTIFICATE_RENDER_WORKERS = 1
    settings.SITE_URL = "https://peduliham.example"
