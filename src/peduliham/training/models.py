"""Training programs and the quotas that flow down the region tree.

The program's target is the national quota; province quotas hang directly off
the program (no parent quota), kabupaten/kota quotas off their province's quota
and OPD quotas off their kabupaten/kota's quota.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


def min_days_only_with_min_days_rule(name: str) -> models.CheckConstraint:
    """The minimum number of days is set exactly when the rule asks for one."""
    return models.CheckConstraint(
        condition=Q(attendance_rule="min_days", attendance_min_days__gte=1)
        | (~Q(attendance_rule="min_days") & Q(attendance_min_days__isnull=True)),
        name=name,
    )


class AttendanceRuled(models.Model):
    """What programs and events share: an attendance rule, who created them, and when."""

    attendance_rule = models.CharField(
        _("aturan kehadiran"),
        max_length=10,
        choices=AttendanceRule.choices,
        default=AttendanceRule.ALL_DAYS,
    )
    attendance_min_days = models.PositiveSmallIntegerField(
        _("minimal hari hadir"), null=True, blank=True
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
        abstract = True


class Program(AttendanceRuled):
    """A yearly training program with a national target (e.g. 1,000,000 ASN)."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=200)
    target = models.PositiveIntegerField(_("target nasional"))
    curriculum = models.TextField(_("kurikulum"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProgramStatus.choices, default=ProgramStatus.OPEN
    )

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="program_name_unique_per_year"),
            min_days_only_with_min_days_rule("program_min_days_only_with_min_days_rule"),
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


class PostTestRule(models.TextChoices):
    """What completion asks of the post-test, on top of the attendance rule."""

    NONE = "none", _("Tidak disyaratkan")
    TAKEN = "taken", _("Wajib mengerjakan post-test")
    PASSED = "passed", _("Wajib lulus post-test")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Dibuka")
    RUNNING = "running", _("Berlangsung")
    FINISHED = "finished", pgettext_lazy("event status", "Selesai")
    CLOSED = "closed", _("Ditutup")


class Event(AttendanceRuled):
    """A training event of a program: one or more days at one venue for a capacity."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(_("judul"), max_length=200)
    host_region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah penyelenggara"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    co_hosts = models.ManyToManyField(
        OrgUnit, verbose_name=_("penyelenggara bersama"), blank=True, related_name="+"
    )
    venue = models.CharField(_("tempat"), max_length=200)
    capacity = models.PositiveIntegerField(_("kapasitas"))
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    post_test_rule = models.CharField(
        _("syarat post-test"), max_length=6, choices=PostTestRule.choices, default=PostTestRule.NONE
    )
    selection_rule = models.CharField(_("aturan seleksi"), max_length=60, blank=True)
    selection_seed = models.BigIntegerField(_("benih acak seleksi"), null=True, blank=True)
    selected_at = models.DateTimeField(_("diseleksi"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("undangan dikirim"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        verbose_name = _("kegiatan pelatihan")
        verbose_name_plural = _("kegiatan pelatihan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["program", "status"], name="event_program_status")]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            min_days_only_with_min_days_rule("event_min_days_only_with_min_days_rule"),
        ]

    def __str__(self) -> str:
        return self.title


class EventDay(models.Model):
    """One day of an event, with its hours in the host region's time zone."""

    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("tanggal"))
    starts_at = models.TimeField(_("jam mulai"))
    ends_at = models.TimeField(_("jam selesai"))

    class Meta:
        verbose_name = _("hari kegiatan")
        verbose_name_plural = _("hari kegiatan")
        ordering = ["event", "date"]
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="event_day_unique_date"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_day_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.date:%Y-%m-%d}"


class EnrollmentStatus(models.TextChoices):
    NOMINATED = "nominated", _("Dinominasikan")
    CONFIRMED = "confirmed", _("Dikonfirmasi OPD")
    REPLACED = "replaced", _("Diganti")
    WITHDRAWN = "withdrawn", _("Mengundurkan diri")


#: Statuses that hold a seat (and count as "selected" on the dashboards).
SEATED_STATUSES = (EnrollmentStatus.NOMINATED, EnrollmentStatus.CONFIRMED)


class Outcome(models.TextChoices):
    PENDING = "pending", _("Belum ditentukan")
    COMPLETED = "completed", _("Lulus (selesai)")
    NOT_COMPLETED = "not_completed", _("Tidak selesai")


class Enrollment(models.Model):
    """An ASN's seat in an event, from nomination to completion.

    `program`, `opd` (the top-level OPD at selection time) and `region` are
    copies kept so quotas, eligibility and coverage are answered without
    joining through the event and the unit tree. The partial unique constraint
    makes "one live seat per person per program" hold even under concurrency:
    a person may be selected again only after an event they did not complete.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="enrollments"
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="+"
    )
    asn = models.ForeignKey(
        "people.ASN", verbose_name=_("ASN"), on_delete=models.PROTECT, related_name="enrollments"
    )
    opd = models.ForeignKey(
        OrgUnit, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.NOMINATED,
    )
    is_frontline = models.BooleanField(_("melayani publik langsung"), default=False)
    sex = models.CharField(_("jenis kelamin"), max_length=1, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("diganti oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    days_attended = models.PositiveSmallIntegerField(_("hari hadir"), default=0)
    outcome = models.CharField(
        _("hasil"), max_length=14, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_reason = models.CharField(_("alasan hasil"), max_length=200, blank=True)
    invited_at = models.DateTimeField(_("diundang"), null=True, blank=True)
    invitation_emailed_at = models.DateTimeField(_("surel undangan dikirim"), null=True, blank=True)
    completed_at = models.DateTimeField(_("dinyatakan selesai"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("peserta kegiatan")
        verbose_name_plural = _("peserta kegiatan")
        ordering = ["event", "opd", "asn"]
        indexes = [
            models.Index(fields=["event", "opd", "status"], name="enrollment_event_opd"),
            models.Index(fields=["program", "outcome"], name="enrollment_program_outcome"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "asn"], name="enrollment_unique_per_event"),
            models.UniqueConstraint(
                fields=["program", "asn"],
                condition=Q(status__in=["nominated", "confirmed"]) & ~Q(outcome="not_completed"),
                name="enrollment_one_live_seat_per_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.asn}"


class CheckInMethod(models.TextChoices):
    QR = "qr", _("Pindai QR")
    SEARCH = "search", _("Cari NIP/nama")


class Attendance(models.Model):
    """One check-in of one participant on one event day (never two)."""

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("peserta kegiatan"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    day = models.ForeignKey(
        EventDay, verbose_name=_("hari"), on_delete=models.CASCADE, related_name="attendances"
    )
    checked_in_at = models.DateTimeField(_("waktu hadir"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    desk = models.CharField(_("meja registrasi"), max_length=40, blank=True)
    method = models.CharField(_("cara"), max_length=10, choices=CheckInMethod.choices)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["day", "checked_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "day"], name="attendance_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} @ {self.day.date:%Y-%m-%d}"


class CoverageCounter(models.Model):
    """Running totals per event and OPD, kept in the same transaction as the change.

    Dashboards sum these few rows (one per event and OPD) instead of counting
    enrollments, so national coverage stays fast however many people train.
    """

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    opd = models.ForeignKey(
        OrgUnit, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+"
    )
    selected = models.IntegerField(_("terpilih"), default=0)
    attended = models.IntegerField(_("hadir"), default=0)
    completed = models.IntegerField(pgettext_lazy("participants", "selesai"), default=0)

    class Meta:
        verbose_name = _("penghitung cakupan")
        verbose_name_plural = _("penghitung cakupan")
        constraints = [
            models.UniqueConstraint(fields=["event", "opd"], name="coverage_counter_unique"),
        ]
        indexes = [models.Index(fields=["program", "region"], name="coverage_program_region")]

    def __str__(self) -> str:
        return f"{self.event} / {self.opd}: {self.selected}/{self.attended}/{self.completed}"
