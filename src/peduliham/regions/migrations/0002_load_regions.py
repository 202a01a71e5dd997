"""Loads the 38 provinces and 514 kabupaten/kota (Kepmendagri 300.2.2-2138/2025)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "regions-2025.json"


def load_regions(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    document = json.loads(DATA.read_text(encoding="utf-8"))
    by_code = {}
    for row in document["regions"]:
        parent_code = row["code"].rpartition(".")[0]
        region = Region.objects.create(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            time_zone=row["time_zone"],
            parent=by_code.get(parent_code),
            legal_basis=document["legal_basis"],
        )
        by_code[region.code] = region


def unload_regions(apps, schema_editor):
    apps.get_model("regions", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load_regions, unload_regions)]
