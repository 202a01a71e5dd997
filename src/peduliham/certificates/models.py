"""Certificates: numbered nationally, rendered to PDF in the background, verifiable by QR.

`printed` keeps every field printed on the PDF (name with titles, NIP, event,
dates, hours, hosts) as it was at issue time, so the public verification page
shows exactly what a genuine certificate says and an edited PDF is caught.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peduliham.training.models import Enrollment, Event


class Certificate(models.Model):
    """One completer's certificate; never two for one enrollment."""

    enrollment = models.OneToOneField(
        Enrollment,
        verbose_name=_("peserta kegiatan"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("nomor sertifikat"), max_length=80, unique=True)
    #: The unguessable part of the verification URL (the number alone would be enumerable).
    verification_code = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    printed = models.JSONField(_("isi yang dicetak"), default=dict)
    pdf = models.FileField(_("berkas PDF"), upload_to="certificates/", blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["event", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class NumberSequence(models.Model):
    """The running number behind certificate numbers, one row per year, locked to draw."""

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    last = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("urutan nomor sertifikat")
        verbose_name_plural = _("urutan nomor sertifikat")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class CertificateBatch(models.Model):
    """Rendering every certificate of an event: progress for the page, resumable by design
    (a rerun renders only certificates that have no PDF yet)."""

    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    done = models.PositiveIntegerField(_("selesai dibuat"), default=0)
    error = models.TextField(_("galat"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembuatan sertifikat")
        verbose_name_plural = _("pembuatan sertifikat")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event}: {self.done}/{self.total}"
