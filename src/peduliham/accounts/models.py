"""Users, their role and the region or unit their role covers."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peduliham.accounts import usercache
from peduliham.regions.models import OrgUnit, Region


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Admin nasional (Kementerian HAM)")
    KANWIL_OPERATOR = "kanwil_operator", _("Operator Kanwil")
    PEMDA_ADMIN = "pemda_admin", _("Admin Pemda")
    OPD_ADMIN = "opd_admin", _("Admin OPD")
    PARTICIPANT = "participant", _("Peserta (ASN)")


#: Roles that must confirm a time-based one-time password after the password.
TWO_FACTOR_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.KANWIL_OPERATOR})


class UserQuerySet(models.QuerySet["User"]):
    def update(self, **kwargs: Any) -> int:
        """As Django's, and the changed users are dropped from the user cache."""
        if not usercache.enabled():
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        usercache.forget(pks)
        return count

    update.alters_data = True  # type: ignore[attr-defined]


class AccountManager(UserManager["User"]):
    """Django's user manager over UserQuerySet."""

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)


class User(AbstractUser):
    """A person who logs in. What they may see follows from `role` and its anchor."""

    objects: ClassVar[AccountManager] = AccountManager()

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Provinsi untuk operator Kanwil, kabupaten/kota untuk admin Pemda."),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit organisasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("OPD untuk admin OPD."),
    )
    failed_login_count = models.PositiveSmallIntegerField(
        _("gagal masuk berturut-turut"), default=0
    )
    locked_until = models.DateTimeField(_("terkunci sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                name="user_role_anchor",
                condition=(
                    Q(role="national_admin", region__isnull=True, org_unit__isnull=True)
                    | Q(role="kanwil_operator", region__isnull=False, org_unit__isnull=True)
                    | Q(role="pemda_admin", region__isnull=False, org_unit__isnull=True)
                    | Q(role="opd_admin", org_unit__isnull=False)
                    | Q(role="participant")
                    | Q(role="")
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def requires_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES
