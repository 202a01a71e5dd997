import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.people.services import create_participant_accounts, link_participant_account
from peduliham.regions.models import OrgUnit
from tests.people.asn_factory import make_asn

pytestmark = pytest.mark.django_db


def test_a_pemda_admin_links_a_participant_account_to_an_asn(
    admin_pemkot_jambi: User, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    asn = make_asn(dinkes_jambi, 1)

    link_participant_account(admin_pemkot_jambi, asn=asn, user=peserta_budi)

    asn.refresh_from_db()
    assert asn.user == peserta_budi
    entry = AuditEntry.objects.get(action="peduliham.asn.account_linked")
    assert entry.actor == admin_pemkot_jambi
    assert entry.changes == {"user": peserta_budi.username}


def test_another_citys_admin_may_not_link(
    admin_pemkot_pekanbaru: User, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(PermissionDenied):
        link_participant_account(
            admin_pemkot_pekanbaru, asn=make_asn(dinkes_jambi, 1), user=peserta_budi
        )


def test_only_participant_accounts_are_linked(
    admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(DomainError) as error:
        link_participant_account(
            admin_pemkot_jambi, asn=make_asn(dinkes_jambi, 1), user=admin_pemkot_jambi
        )
    assert error.value.code == "account_not_participant"


def test_an_account_serves_one_asn_only(
    admin_pemkot_jambi: User, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    link_participant_account(admin_pemkot_jambi, asn=make_asn(dinkes_jambi, 1), user=peserta_budi)

    with pytest.raises(DomainError) as error:
        link_participant_account(
            admin_pemkot_jambi, asn=make_asn(dinkes_jambi, 2), user=peserta_budi
        )
    assert error.value.code == "account_taken"


def test_participant_accounts_are_made_for_asn_without_one(
    admin_pemkot_jambi: User, peserta_budi: User, dinkes_jambi: OrgUnit
) -> None:
    linked = make_asn(dinkes_jambi, 1)
    link_participant_account(admin_pemkot_jambi, asn=linked, user=peserta_budi)
    others = [make_asn(dinkes_jambi, n) for n in (2, 3)]

    created = create_participant_accounts(admin_pemkot_jambi, asns=[linked, *others])

    assert created == 2
    for asn in others:
        asn.refresh_from_db()
        assert asn.user is not None
        assert (asn.user.username, asn.user.role) == (asn.nip, "participant")
        assert not asn.user.has_usable_password()
    entry = AuditEntry.objects.get(action="peduliham.asn.participant_accounts_created")
    assert entry.changes["created"] == 2
    assert create_participant_accounts(admin_pemkot_jambi, asns=others) == 0


def test_another_citys_admin_may_not_make_accounts(
    admin_pemkot_pekanbaru: User, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(PermissionDenied):
        create_participant_accounts(admin_pemkot_pekanbaru, asns=[make_asn(dinkes_jambi, 1)])
