from collections.abc import Callable

import pytest
from django.test import Client

from peduliham.accounts.models import User
from peduliham.people.models import ASN
from peduliham.people.views import ASN_PER_PAGE
from peduliham.regions.models import OrgUnit
from peduliham.training.models import Enrollment, Event, Outcome
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]
URL = "/asn/"


@pytest.fixture
def registry(dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit) -> None:
    make_asn(dinkes_jambi, 1, name="Andi Saputra")
    make_asn(disdik_jambi, 2, name="Budi Hartono")
    make_asn(dinkes_pekanbaru, 3, name="Rina Melati", sex="P")


def test_it_lists_the_asn_in_scope_in_a_captioned_table(
    logged_in: Login, admin_pemkot_jambi: User, registry: None
) -> None:
    response = logged_in(admin_pemkot_jambi).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="table-wrap" role="region" tabindex="0"' in html
    assert "<caption" in html
    assert "Andi Saputra" in html
    assert "Budi Hartono" in html
    assert "Rina Melati" not in html


def test_a_kanwil_operator_of_another_province_does_not_see_jambi(
    logged_in: Login, operator_kanwil_riau: User, registry: None
) -> None:
    html = logged_in(operator_kanwil_riau).get(URL).content.decode()

    assert "Rina Melati" in html
    assert "Andi Saputra" not in html
    assert "Budi Hartono" not in html


def test_an_opd_admin_sees_only_their_opd(
    logged_in: Login, admin_dinkes_jambi: User, registry: None
) -> None:
    html = logged_in(admin_dinkes_jambi).get(URL).content.decode()

    assert "Andi Saputra" in html
    assert "Budi Hartono" not in html


def test_it_searches_by_nip_with_spaces(
    logged_in: Login, admin_pemkot_jambi: User, registry: None
) -> None:
    response = logged_in(admin_pemkot_jambi).get(URL, {"q": "19860926 201505 1 002"})

    html = response.content.decode()
    assert "Budi Hartono" in html
    assert "Andi Saputra" not in html


def test_every_filter_has_a_label(
    logged_in: Login, admin_pemkot_jambi: User, registry: None
) -> None:
    html = logged_in(admin_pemkot_jambi).get(URL).content.decode()

    for field in ("q", "unit", "rank", "employment_kind", "position_kind", "status"):
        assert f'<label for="id_{field}">' in html


def test_it_pages_by_fifty(
    logged_in: Login, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    for number in range(1, ASN_PER_PAGE + 3):
        make_asn(dinkes_jambi, number, name=f"Pegawai {number:03d}")
    client = logged_in(admin_pemkot_jambi)

    first = client.get(URL)
    second = client.get(URL, {"halaman": 2})

    assert len(first.context["page"].object_list) == ASN_PER_PAGE
    assert [asn.name for asn in second.context["page"].object_list] == [
        "Pegawai 051",
        "Pegawai 052",
    ]


def test_an_unknown_filter_value_is_a_bad_request(
    logged_in: Login, admin_pemkot_jambi: User, registry: None
) -> None:
    response = logged_in(admin_pemkot_jambi).get(URL, {"rank": "V/z"})

    assert response.status_code == 400
    assert response.context["form"].errors["rank"]


def test_a_participant_is_forbidden(logged_in: Login, peserta_budi: User) -> None:
    assert logged_in(peserta_budi).get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert "/akun/" in response["Location"]


def test_wider_scopes_pick_a_region_before_its_units(
    logged_in: Login, operator_kanwil_jambi: User, registry: None
) -> None:
    client = logged_in(operator_kanwil_jambi)

    first = client.get(URL)
    narrowed = client.get(URL, {"region": "15.71"})

    assert "unit" not in first.context["form"].fields
    assert '<label for="id_region">' in first.content.decode()
    units = narrowed.context["form"].fields["unit"].queryset
    assert sorted(unit.name for unit in units) == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert narrowed.context["page"].paginator.count == 2


def test_a_region_outside_the_scope_is_a_bad_request(
    logged_in: Login, operator_kanwil_jambi: User, registry: None
) -> None:
    response = logged_in(operator_kanwil_jambi).get(URL, {"region": "14.71"})

    assert response.status_code == 400
    assert response.context["form"].errors["region"]


def test_it_filters_the_untrained(
    logged_in: Login, admin_pemkot_jambi: User, admin_pusat: User, registry: None
) -> None:
    andi = ASN.objects.get(name="Andi Saputra")
    program = make_program(admin_pusat)
    event = Event.objects.create(
        program=program, title="Angkatan 1", host_region=andi.region, venue="Aula", capacity=5
    )
    Enrollment.objects.create(
        event=event,
        program=program,
        asn=andi,
        opd=andi.org_unit,
        region=andi.region,
        outcome=Outcome.COMPLETED,
    )

    html = logged_in(admin_pemkot_jambi).get(URL, {"trained": "belum"}).content.decode()

    assert "Budi Hartono" in html
    assert "Andi Saputra" not in html
    assert 'name="trained"' in html
