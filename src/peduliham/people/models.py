"""The ASN registry: civil servants, their transfers (mutasi) and registry imports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peduliham.people.grades import validate_rank
from peduliham.regions.models import OrgUnit, Region


class EmploymentKind(models.TextChoices):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class PositionKind(models.TextChoices):
    NONE = "", _("—")
    STRUCTURAL = "struktural", _("Struktural")
    FUNCTIONAL = "fungsional", _("Fungsional")
    EXECUTIVE = "pelaksana", _("Pelaksana")


class ASN(models.Model):
    """One civil servant (PNS or PPPK), in the registry of the region that employs them."""

    # Unique by a constraint rather than unique=True, which on PostgreSQL adds a second
    # (LIKE) index on NIP: the registry searches NIPs by equality or substring, never by
    # prefix through this index, and each index costs the million-row import.
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("nama"), max_length=200)
    front_title = models.CharField(_("gelar depan"), max_length=60, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=120, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    employment_kind = models.CharField(
        _("jenis ASN"), max_length=4, choices=EmploymentKind.choices, default=EmploymentKind.PNS
    )
    rank = models.CharField(
        _("golongan"),
        max_length=6,
        blank=True,
        help_text=_("PNS: I/a sampai IV/e; PPPK: I sampai XVII."),
        validators=[validate_rank],
    )
    position_name = models.CharField(_("nama jabatan"), max_length=200, blank=True)
    position_kind = models.CharField(
        _("jenis jabatan"), max_length=12, choices=PositionKind.choices, blank=True
    )
    # No single-column indexes: asn_region_active and asn_unit_active lead with these
    # columns, and every extra index slows the bulk import.
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        related_name="asn",
        db_index=False,
    )
    is_frontline = models.BooleanField(_("melayani publik langsung"), default=False)
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun peserta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="asn",
    )
    inactive_reason = models.CharField(_("alasan tidak aktif"), max_length=120, blank=True)
    # A digest of the normalised registry fields, so an import skips unchanged rows cheaply.
    row_digest = models.CharField(_("ringkasan baris"), max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        ordering = ["name", "nip"]
        constraints = [models.UniqueConstraint(fields=["nip"], name="asn_unique_nip")]
        indexes = [
            models.Index(fields=["region", "is_active"], name="asn_region_active"),
            models.Index(fields=["org_unit", "is_active"], name="asn_unit_active"),
        ]

    def __str__(self) -> str:
        return f"{self.nip} {self.full_name}"

    @property
    def full_name(self) -> str:
        """The name as written on a certificate: `Dr. H. Maulana, M.K.M`."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("Berjalan")
    FAILED = "failed", _("Terhenti")
    DONE = "done", _("Selesai")


class ImportJob(models.Model):
    """One import of one registry file; also the checkpoint a re-run resumes from."""

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("nama berkas"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, db_index=True)
    headers = models.JSONField(_("judul kolom"), default=list)
    create_units = models.BooleanField(_("buat unit baru"), default=False)
    # A trial run from the upload page: counts only, its error report kept as a file.
    dry_run = models.BooleanField(_("uji coba"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    rows_done = models.PositiveIntegerField(_("baris selesai"), default=0)
    created = models.PositiveIntegerField(_("baru"), default=0)
    updated = models.PositiveIntegerField(_("diperbarui"), default=0)
    unchanged = models.PositiveIntegerField(_("tidak berubah"), default=0)
    rejected = models.PositiveIntegerField(_("ditolak"), default=0)
    units_created = models.PositiveIntegerField(_("unit dibuat"), default=0)
    # Lines of the file that hold no ASN (a header repeated after a page break, totals,
    # a signature block): not data rows, so outside total_rows, but shown to the clerk.
    skipped = models.PositiveIntegerField(_("baris dilewati"), default=0)
    # The worksheets read, when a workbook's registry is spread over several (one per OPD).
    sheets = models.JSONField(_("lembar dibaca"), default=list, blank=True)
    error = models.TextField(_("galat"), blank=True)
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor ASN")
        verbose_name_plural = _("impor ASN")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["region", "file_sha256", "status"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ImportRejection(models.Model):
    """A row an import refused, kept with its original cells for the error report."""

    job = models.ForeignKey(
        ImportJob, verbose_name=_("impor"), on_delete=models.CASCADE, related_name="rejections"
    )
    row_number = models.PositiveIntegerField(_("baris"))
    # The worksheet of the row, when a workbook is read from several (else blank).
    sheet = models.CharField(_("lembar"), max_length=100, blank=True, default="")
    nip_text = models.CharField(_("NIP tertulis"), max_length=100, blank=True)
    code = models.CharField(_("kode alasan"), max_length=40)
    message = models.TextField(_("alasan"))
    message_en = models.TextField(_("alasan (Inggris)"))
    cells = models.JSONField(_("isi baris"), default=list)

    class Meta:
        verbose_name = _("baris ditolak")
        verbose_name_plural = _("baris ditolak")
        ordering = ["job", "id"]  # file order: each batch stores its rejections in order
        constraints = [
            models.UniqueConstraint(
                fields=["job", "sheet", "row_number"], name="rejection_row_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.code}"


class Transfer(models.Model):
    """A move of an ASN from one unit to another (mutasi), kept as history."""

    asn = models.ForeignKey(
        ASN, verbose_name=_("ASN"), on_delete=models.CASCADE, related_name="transfers"
    )
    from_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("dari unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("ke unit"), on_delete=models.PROTECT, related_name="+"
    )
    effective_date = models.DateField(_("tanggal berlaku"))
    source = models.ForeignKey(
        ImportJob,
        verbose_name=_("sumber impor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transfers",
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("mutasi")
        verbose_name_plural = _("mutasi")
        ordering = ["-effective_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_unit__isnull=True) | ~Q(from_unit=models.F("to_unit")),
                name="transfer_changes_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asn_id}: {self.from_unit_id} → {self.to_unit_id}"


class Headcount(models.Model):
    """Active ASN per top-level OPD, refreshed whenever the registry of a region changes.

    Coverage divides by these few rows instead of counting millions of ASN on
    every dashboard view; `refresh_headcounts` rebuilds a region's rows in the
    transaction that changed its registry.
    """

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey(
        OrgUnit, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="+"
    )
    active = models.PositiveIntegerField(_("ASN aktif"), default=0)
    frontline = models.PositiveIntegerField(_("ASN layanan publik"), default=0)

    class Meta:
        verbose_name = _("jumlah ASN aktif")
        verbose_name_plural = _("jumlah ASN aktif")
        constraints = [models.UniqueConstraint(fields=["opd"], name="headcount_unique_opd")]

    def __str__(self) -> str:
        return f"{self.opd}: {self.active}"
