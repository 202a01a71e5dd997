"""Training programs and the quotas that flow down the region tree.

The program's target is the national quota; province quotas hang directly off
the program (no parent quota), kabupaten/kota quotas off their province's quota
and OPD quotas off their kabupaten/kota's quota.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peduliham.regions.models import OrgUnit, Region


class AttendanceRule(models.TextChoices):
    ALL_DAYS = "all_days", _("Hadir setiap hari")
    ANY_DAY = "any_day", _("Hadir minimal satu hari")
    MIN_DAYS = "min_days", _("Hadir minimal sejumlah hari")


class ProgramStatus(models.TextChoices):
    OPEN = "open", _("Dibuka")
    CLOSED = "closed", _("Ditutup")


class QuotaLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/kota")
    OPD = "opd", _("OPD")


class Program(models.Model):
    """A yearly training program with a national target (e.g. 1,000,000 ASN)."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=200)
    target = models.PositiveIntegerField(_("target nasional"))
    curriculum = models.TextField(_("kurikulum"), blank=True)
    attendance_rule = models.CharField(
        _("aturan kehadiran"),
        max_length=10,
        choices=AttendanceRule.choices,
        default=AttendanceRule.ALL_DAYS,
    )
    attendance_min_days = models.PositiveSmallIntegerField(
        _("minimal hari hadir"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProgramStatus.choices, default=ProgramStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="program_name_unique_per_year"),
            models.CheckConstraint(
                condition=Q(attendance_rule="min_days", attendance_min_days__gte=1)
                | (~Q(attendance_rule="min_days") & Q(attendance_min_days__isnull=True)),
                name="program_min_days_only_with_min_days_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Quota(models.Model):
    """How many ASN of a province, kabupaten/kota or OPD a program should train."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="quotas"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kuota induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    amount = models.PositiveIntegerField(_("jumlah"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("kuota")
        verbose_name_plural = _("kuota")
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False, org_unit__isnull=True)
                | Q(region__isnull=True, org_unit__isnull=False),
                name="quota_for_region_or_unit",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="quota_amount_not_negative"),
            models.UniqueConstraint(
                fields=["program", "region"],
                condition=Q(region__isnull=False),
                name="quota_unique_per_program_region",
            ),
            models.UniqueConstraint(
                fields=["program", "org_unit"],
                condition=Q(org_unit__isnull=False),
                name="quota_unique_per_program_unit",
            ),
        ]

    def __str__(self) -> str:
        holder = self.org_unit if self.org_unit is not None else self.region
        return f"{holder}: {self.amount}"

    @property
    def level(self) -> QuotaLevel:
        if self.region is None:
            return QuotaLevel.OPD
        return QuotaLevel.PROVINCE if self.region.is_province else QuotaLevel.REGENCY

    @property
    def region_code(self) -> str:
        """The region code this quota belongs to (an OPD's own kabupaten/kota)."""
        if self.region is not None:
            return self.region.code
        return self.org_unit.region.code if self.org_unit is not None else ""
