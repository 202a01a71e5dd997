"""The quota page: remaining amount, saving all rows at once, proposal, percent share, scope."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Program, Quota
from peduliham.training.services import set_quota
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program, province_quota

pytestmark = pytest.mark.django_db

type Login = Callable[[User], Client]


@pytest.fixture
def program(admin_pusat: User, jambi: Region) -> Program:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    return program


@pytest.fixture
def kota_program(program: Program, operator_kanwil_jambi: User, kota_jambi: Region) -> Program:
    set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=1_000)
    return program


def url(program: Program, wilayah: str = "") -> str:
    base = reverse("training:quotas", args=[program.pk])
    return f"{base}?wilayah={wilayah}" if wilayah else base


def test_the_national_page_shows_what_is_left_of_the_target(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    response = logged_in(admin_pusat).get(url(program))
    assert response.status_code == 200
    assert "Sisa untuk dialokasikan: 980000" in response.text.replace(".", "")
    assert f'href="{url(program, "15")}"' in response.text  # drill down to Jambi


def test_the_national_admin_saves_several_provinces_at_once(
    logged_in: Login, admin_pusat: User, program: Program, riau: Region, jambi: Region
) -> None:
    response = logged_in(admin_pusat).post(url(program), {**_all_provinces(), "jumlah-14": 15_000})
    assert response.status_code == 302
    assert Quota.objects.get(program=program, region=riau).amount == 15_000
    assert Quota.objects.get(program=program, region=jambi).amount == 20_000
    entry = AuditEntry.objects.get(action="peduliham.training.quotas.applied")
    assert entry.changes == {"14": [None, 15_000]}


def _all_provinces() -> dict[str, int]:
    provinces = Region.objects.current().provinces()
    return {f"jumlah-{p.code}": 20_000 if p.code == "15" else 0 for p in provinces}


def test_over_allocation_shows_the_remaining_amount_and_saves_nothing(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    data = {**_all_provinces(), "jumlah-14": 900_000, "jumlah-11": 100_000}
    response = logged_in(admin_pusat).post(url(program), data)
    assert response.status_code == 400
    assert "yang tersisa untuk dialokasikan: 980000" in response.text.replace(".", "")
    assert "Belum tersimpan" in response.text
    assert Quota.objects.filter(program=program).count() == 1


def test_a_negative_amount_is_refused(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    response = logged_in(admin_pusat).post(url(program), {**_all_provinces(), "jumlah-14": -5})
    assert response.status_code == 400
    assert Quota.objects.filter(program=program).count() == 1


def test_the_kanwil_operator_allocates_to_kabupaten_kota(
    logged_in: Login, operator_kanwil_jambi: User, program: Program, kota_jambi: Region
) -> None:
    client = logged_in(operator_kanwil_jambi)
    page = client.get(url(program))
    assert 'name="jumlah-15.71"' in page.text
    data = {f"jumlah-{r.code}": 0 for r in Region.objects.current().filter(parent__code="15")}
    response = client.post(url(program), {**data, "jumlah-15.71": 1_000})
    assert response.status_code == 302
    assert Quota.objects.get(program=program, region=kota_jambi).amount == 1_000


def test_a_higher_level_sees_a_lower_level_read_only(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    client = logged_in(admin_pusat)
    page = client.get(url(program, "15"))
    assert page.status_code == 200
    assert 'name="jumlah-15.71"' not in page.text
    assert client.post(url(program, "15"), {"jumlah-15.71": 5}).status_code == 403
    assert Quota.objects.filter(program=program).count() == 1


def test_another_province_does_not_find_jambi(
    logged_in: Login, operator_kanwil_riau: User, program: Program
) -> None:
    client = logged_in(operator_kanwil_riau)
    assert client.get(url(program, "15")).status_code == 404
    assert client.post(url(program, "15"), {"jumlah-15.71": 5}).status_code == 404
    assert client.get(url(program, "99.99")).status_code == 404


def test_participants_and_opd_admins_do_not_find_the_quota_page(
    logged_in: Login, peserta_budi: User, admin_dinkes_jambi: User, program: Program
) -> None:
    assert logged_in(peserta_budi).get(url(program)).status_code == 404
    assert logged_in(admin_dinkes_jambi).get(url(program)).status_code == 404


def test_the_pemda_admin_sets_opd_quotas_in_one_step(
    logged_in: Login,
    admin_pemkot_jambi: User,
    kota_program: Program,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    data = {f"jumlah-{dinkes_jambi.path}": 300, f"jumlah-{disdik_jambi.path}": 200}
    response = logged_in(admin_pemkot_jambi).post(url(kota_program), data)
    assert response.status_code == 302
    amounts = dict(
        Quota.objects.filter(org_unit__isnull=False).values_list("org_unit__name", "amount")
    )
    assert amounts == {"Dinas Kesehatan": 300, "Dinas Pendidikan": 200}
    entry = AuditEntry.objects.get(action="peduliham.training.quotas.opd_applied")
    assert entry.region_code == "15.71"


def test_opd_quotas_above_the_kota_quota_save_nothing(
    logged_in: Login,
    admin_pemkot_jambi: User,
    kota_program: Program,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    data = {f"jumlah-{dinkes_jambi.path}": 900, f"jumlah-{disdik_jambi.path}": 200}
    response = logged_in(admin_pemkot_jambi).post(url(kota_program), data)
    assert response.status_code == 400
    assert "yang tersisa untuk dialokasikan: 1000" in response.text.replace(".", "")
    assert not Quota.objects.filter(org_unit__isnull=False).exists()


def test_ten_percent_of_each_opd_is_one_click(
    logged_in: Login,
    admin_pemkot_jambi: User,
    kota_program: Program,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    for number in range(25):
        make_asn(dinkes_jambi if number < 15 else disdik_jambi, number)
    client = logged_in(admin_pemkot_jambi)
    assert "10% dari ASN aktif" in client.get(url(kota_program)).text
    share = reverse("training:quota_opd_share", args=[kota_program.pk])
    response = client.post(f"{share}?wilayah=15.71", {"percent": 10})
    assert response.status_code == 302
    amounts = dict(Quota.objects.filter(org_unit__isnull=False).values_list("org_unit", "amount"))
    assert amounts == {dinkes_jambi.pk: 2, disdik_jambi.pk: 1}
    assert AuditEntry.objects.filter(
        action="peduliham.training.quotas.opd_share_allocated"
    ).exists()


def test_a_bad_percentage_saves_nothing(
    logged_in: Login, admin_pemkot_jambi: User, kota_program: Program, dinkes_jambi: OrgUnit
) -> None:
    share = reverse("training:quota_opd_share", args=[kota_program.pk])
    response = logged_in(admin_pemkot_jambi).post(share, {"percent": 0}, follow=True)
    assert "Persentase harus antara 1 dan 100" in response.text
    assert not Quota.objects.filter(org_unit__isnull=False).exists()


def test_another_city_may_not_share_kota_jambi_quota(
    logged_in: Login, admin_pemkot_pekanbaru: User, kota_program: Program, dinkes_jambi: OrgUnit
) -> None:
    share = reverse("training:quota_opd_share", args=[kota_program.pk])
    response = logged_in(admin_pemkot_pekanbaru).post(f"{share}?wilayah=15.71", {"percent": 10})
    assert response.status_code == 404
    assert not Quota.objects.filter(org_unit__isnull=False).exists()


def test_the_proposal_adds_up_exactly_to_the_target_and_is_applied_on_confirm(
    logged_in: Login,
    admin_pusat: User,
    dinkes_jambi: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
) -> None:
    program = make_program(admin_pusat, target=1_000)
    for number in range(2):
        make_asn(dinkes_jambi, number)
    make_asn(dinkes_pekanbaru, 5)
    client = logged_in(admin_pusat)
    page = client.get(reverse("training:quota_proposal", args=[program.pk]))
    assert page.status_code == 200
    assert 'name="jumlah-15" value="667"' in page.text
    assert 'name="jumlah-14" value="333"' in page.text
    confirm = {f"jumlah-{p.code}": 0 for p in Region.objects.current().provinces()}
    confirm.update({"jumlah-15": 667, "jumlah-14": 333})
    assert client.post(url(program), confirm).status_code == 302
    assert sum(Quota.objects.filter(program=program).values_list("amount", flat=True)) == 1_000


def test_only_the_national_admin_sees_a_proposal(
    logged_in: Login, operator_kanwil_jambi: User, program: Program
) -> None:
    page = logged_in(operator_kanwil_jambi).get(
        reverse("training:quota_proposal", args=[program.pk])
    )
    assert page.status_code == 403


def test_a_proposal_without_asn_explains_why(
    logged_in: Login, admin_pusat: User, program: Program
) -> None:
    response = logged_in(admin_pusat).get(
        reverse("training:quota_proposal", args=[program.pk]), follow=True
    )
    assert "Belum ada ASN aktif" in response.text
