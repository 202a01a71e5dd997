"""The ticket page opened from the e-mailed link, and a participant's own invitations."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import EnrollmentStatus
from peduliham.training.tickets import read_ticket_code, ticket_link_token
from tests.people.asn_factory import make_asn
from tests.training.factories_checkin import running_event, seat, seat_new

Login = Callable[[User], Client]


def ticket_url(enrollment_id: int) -> str:
    return reverse("training:ticket", args=[ticket_link_token(enrollment_id)])


def test_the_ticket_shows_the_participant_the_event_and_a_genuine_qr_code(
    client: Client, admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    budi = seat(
        event, make_asn(dinkes_jambi, 7, name="Budi Santoso", front_title="dr.", back_title="M.K.M")
    )

    response = client.get(ticket_url(budi.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert "dr. Budi Santoso, M.K.M" in page
    assert budi.asn.nip in page
    assert "Pelatihan HAM Kota Jambi Angkatan I" in page
    assert "Aula Grha Siginjai" in page
    assert "Senin, 27 Oktober 2025" in page
    assert "<svg" in page
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_qr_on_the_ticket_carries_the_signed_code_of_the_enrollment(
    client: Client, admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    budi = seat_new(event, dinkes_jambi, 1)

    response = client.get(ticket_url(budi.pk))

    code = response.context["qr_code"]
    ticket = read_ticket_code(code)
    assert ticket is not None
    assert (ticket.event_id, ticket.enrollment_id) == (event.pk, budi.pk)


def test_a_tampered_token_shows_the_indonesian_not_found_page(client: Client) -> None:
    response = client.get(reverse("training:ticket", args=["1:palsu:tanda"]))

    assert response.status_code == 404
    assert "Tiket tidak ditemukan" in response.content.decode()


def test_the_ticket_of_a_replaced_participant_is_no_longer_valid(
    client: Client, admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    gone = seat_new(event, dinkes_jambi, 1, status=EnrollmentStatus.REPLACED)

    assert client.get(ticket_url(gone.pk)).status_code == 404


def test_a_participant_sees_their_own_invitations_with_ticket_links(
    logged_in: Login,
    peserta_budi: User,
    admin_pusat: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    mine = seat(event, make_asn(dinkes_jambi, 1, user=peserta_budi))
    seat_new(event, dinkes_jambi, 2, name="Orang Lain")

    response = logged_in(peserta_budi).get(reverse("training:my_invitations"))

    assert response.status_code == 200
    page = response.content.decode()
    assert ticket_url(mine.pk) in page
    assert "Orang Lain" not in page
    assert len(response.context["rows"]) == 1


def test_staff_have_no_invitations_of_their_own(
    logged_in: Login,
    admin_pemkot_jambi: User,
    admin_pusat: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
) -> None:
    seat_new(running_event(admin_pusat, kota_jambi), dinkes_jambi, 1)

    response = logged_in(admin_pemkot_jambi).get(reverse("training:my_invitations"))

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "Belum ada undangan" in response.content.decode()


def test_my_invitations_asks_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get(reverse("training:my_invitations"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
