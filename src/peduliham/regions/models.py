"""Regions (provinces, kabupaten/kota) and the organisation units under them.

Regions are never deleted: a region that is split (pemekaran) or merged is
closed with `valid_until` and linked to its successors, so records attached
to it keep their history.
"""

import datetime
import zoneinfo

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    PROVINCE = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class RegionQuerySet(models.QuerySet["Region"]):
    def active_on(self, day: datetime.date) -> "RegionQuerySet":
        return self.filter(
            Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gt=day)
        )

    def current(self) -> "RegionQuerySet":
        return self.filter(valid_until__isnull=True)

    def provinces(self) -> "RegionQuerySet":
        return self.filter(kind=RegionKind.PROVINCE)

    def kabupaten_kota(self) -> "RegionQuerySet":
        return self.filter(kind__in=[RegionKind.KABUPATEN, RegionKind.KOTA])

    def subtree(self, code: str) -> "RegionQuerySet":
        """The region with this Kemendagri code and every region below it."""
        return self.filter(Q(code=code) | Q(code__startswith=f"{code}."))


class Region(models.Model):
    """A province or kabupaten/kota, identified by its Kemendagri code."""

    code = models.CharField(_("kode Kemendagri"), max_length=20, db_index=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    time_zone = models.CharField(_("zona waktu"), max_length=20, choices=TimeZone.choices)
    valid_from = models.DateField(_("berlaku sejak"), default=datetime.date(1945, 8, 17))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("wilayah pengganti"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=255, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_until__isnull=True),
                name="region_code_unique_while_open",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="region_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_province(self) -> bool:
        return self.kind == RegionKind.PROVINCE

    @property
    def is_open(self) -> bool:
        return self.valid_until is None

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The region's time zone (WIB, WITA or WIT) as a tzinfo."""
        return zoneinfo.ZoneInfo(self.time_zone)


class UnitKind(models.TextChoices):
    OPD = "opd", _("Perangkat daerah (OPD)")
    SERVICE_UNIT = "upt", _("Unit layanan (UPT/UPTD)")
    KANWIL = "kanwil", _("Kantor Wilayah Kementerian HAM")


class ServiceKind(models.TextChoices):
    NONE = "", _("—")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    HOSPITAL = "rumah_sakit", _("Rumah sakit")
    SCHOOL = "sekolah", _("Sekolah")
    KECAMATAN = "kecamatan", _("Kantor kecamatan")
    KELURAHAN = "kelurahan", _("Kantor kelurahan")
    SERVICE_OFFICE = "kantor_layanan", _("Kantor layanan")
    OTHER = "lainnya", _("Lainnya")


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def subtree(self, path: str) -> "OrgUnitQuerySet":
        """The unit with this path and every unit below it."""
        return self.filter(path__startswith=path)

    def active(self) -> "OrgUnitQuerySet":
        return self.filter(is_active=True)


class OrgUnit(models.Model):
    """An OPD, a service unit under it, or a Kanwil; units form a tree per region.

    `path` is a materialised path of zero-padded ids ("0000000012/0000000345/"), so a
    subtree is one indexed prefix query on any database.
    """

    PATH_STEP = 10

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("jalur"), max_length=255, blank=True, db_index=True, editable=False)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis unit"), max_length=10, choices=UnitKind.choices)
    service_kind = models.CharField(
        _("jenis layanan"), max_length=20, choices=ServiceKind.choices, blank=True, default=""
    )
    is_public_facing = models.BooleanField(_("melayani publik langsung"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "parent", "name"], name="unit_name_unique_in_parent"
            ),
            models.UniqueConstraint(
                fields=["region", "name"],
                condition=Q(parent__isnull=True),
                name="top_unit_name_unique_in_region",
            ),
            models.UniqueConstraint(
                fields=["region"], condition=Q(kind="kanwil"), name="one_kanwil_per_region"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/")

    @property
    def top_id(self) -> int:
        """The id of the top-level unit above (or at) this one, read from the path
        (people.headcounts.top_opd_id_expression is the same rule in SQL)."""
        return int(self.path[: self.PATH_STEP])

    @classmethod
    def path_segment(cls, pk: int) -> str:
        return f"{pk:0{cls.PATH_STEP}d}/"
