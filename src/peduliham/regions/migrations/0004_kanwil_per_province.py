"""Adds the Kantor Wilayah (Kanwil) of the Ministry of Human Rights in every province."""

from django.db import migrations

KANWIL = "kanwil"
PATH_STEP = 10  # OrgUnit.PATH_STEP; historical models have no class methods


def add_kanwil_units(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    OrgUnit = apps.get_model("regions", "OrgUnit")
    provinces = Region.objects.filter(kind="provinsi", valid_until__isnull=True).order_by("code")
    for province in provinces:
        if OrgUnit.objects.filter(region=province, kind=KANWIL).exists():
            continue
        unit = OrgUnit.objects.create(
            region=province,
            parent=None,
            name=f"Kantor Wilayah Kementerian HAM {province.name}",
            short_name=f"Kanwil KemenHAM {province.name}"[:60],
            kind=KANWIL,
        )
        # The path holds the unit's own id, known only after the insert.
        unit.path = f"{unit.pk:0{PATH_STEP}d}/"
        unit.save(update_fields=["path"])


def remove_kanwil_units(apps, schema_editor):
    apps.get_model("regions", "OrgUnit").objects.filter(kind=KANWIL, parent__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0003_one_kanwil_per_region")]

    operations = [migrations.RunPython(add_kanwil_units, remove_kanwil_units)]
