"""Writes to single ASN records (bulk writes go through `people.importing`)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role, User
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people.models import ASN

#: Who may link accounts: the national admin, the Pemda admin of the ASN's region, or the
#: system itself (actor None: the demo loader and management commands).
LINKING_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.PEMDA_ADMIN})


@transaction.atomic
def link_participant_account(actor: Any, *, asn: ASN, user: User) -> ASN:
    """Let a participant account act as this ASN (permission_denied, account_not_participant,
    account_taken)."""
    if actor is not None and (
        actor.role not in LINKING_ROLES
        or (actor.role == Role.PEMDA_ADMIN and actor.region_id != asn.region_id)
    ):
        raise PermissionDenied(_("Anda tidak berwenang menautkan akun ASN ini."))
    if user.role != Role.PARTICIPANT:
        raise DomainError(
            _("Hanya akun peserta yang dapat ditautkan ke ASN."), code="account_not_participant"
        )
    if ASN.objects.filter(user=user).exclude(pk=asn.pk).exists() or (
        asn.user_id is not None and asn.user_id != user.pk
    ):
        raise DomainError(_("Akun atau ASN ini sudah tertaut."), code="account_taken")
    asn.user = user
    asn.save(update_fields=["user", "updated_at"])
    log_action(
        actor,
        "peduliham.asn.account_linked",
        asn,
        region_code=asn.region.code,
        unit_path=asn.org_unit.path,
        changes={"user": user.username},
    )
    return asn
