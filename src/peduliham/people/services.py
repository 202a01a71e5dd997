"""Writes to single ASN records (bulk writes go through `people.importing`)."""

from collections.abc import Iterable
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


@transaction.atomic
def create_participant_accounts(actor: Any, *, asns: Iterable[ASN]) -> int:
    """Give every listed ASN without an account a participant account named by their NIP,
    with no usable password until they set one; returns how many were created
    (permission_denied)."""
    if actor is not None and actor.role not in LINKING_ROLES:
        raise PermissionDenied(_("Anda tidak berwenang membuat akun peserta."))
    missing = [asn for asn in asns if asn.user_id is None]
    outside = any(asn.region_id != getattr(actor, "region_id", None) for asn in missing)
    if actor is not None and actor.role == Role.PEMDA_ADMIN and outside:
        raise PermissionDenied(_("Ada ASN di luar wilayah Anda."))
    taken = set(
        User.objects.filter(username__in=[a.nip for a in missing]).values_list(
            "username", flat=True
        )
    )
    fresh = [asn for asn in missing if asn.nip not in taken]
    # bulk_create sets the new primary keys (PostgreSQL and SQLite both return them).
    users = User.objects.bulk_create([_participant_user(asn) for asn in fresh])
    for asn, user in zip(fresh, users, strict=True):
        asn.user = user
    ASN.objects.bulk_update(fresh, ["user"])
    if fresh:
        regions = {asn.region_id for asn in fresh}
        log_action(
            actor,
            "peduliham.asn.participant_accounts_created",
            None,
            region_code=fresh[0].region.code if len(regions) == 1 else "",
            changes={"created": len(fresh), "nips": [asn.nip for asn in fresh][:50]},
        )
    return len(fresh)


def _participant_user(asn: ASN) -> User:
    user = User(username=asn.nip, role=Role.PARTICIPANT, first_name=asn.name[:150])
    user.set_unusable_password()
    return user
