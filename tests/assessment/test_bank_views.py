"""The bank pages: national admin only, filters, add/edit with options, toggle, XLSX."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from peduliham.accounts.models import User
from peduliham.assessment.bank_xlsx import HEADERS, XLSX_TYPE
from peduliham.assessment.models import Question
from peduliham.core.models import AuditEntry
from peduliham.regions.models import Region
from tests.assessment.factories_bank import make_question, use_in_exam

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]
LIST = reverse("assessment:bank_list")
CREATE = reverse("assessment:question_create")
EXPORT = reverse("assessment:bank_export")
IMPORT = reverse("assessment:bank_import")


def _post_data(code: str = "HAM-500", correct: int = 1, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "topic": "vulnerable_groups",
        "difficulty": "medium",
        "text": "Siapa yang termasuk lansia menurut UU 13/1998?",
        "text_en": "",
        "correct": str(correct),
        "explanation": "Usia 60 tahun ke atas.",
        "explanation_en": "",
        "pilihan-TOTAL_FORMS": "5",
        "pilihan-INITIAL_FORMS": "0",
        "pilihan-MIN_NUM_FORMS": "0",
        "pilihan-MAX_NUM_FORMS": "5",
    }
    for index, text in enumerate(["55 tahun", "60 tahun ke atas", "65 tahun", "70 tahun", ""]):
        data[f"pilihan-{index}-text"] = text
        data[f"pilihan-{index}-text_en"] = ""
    data.update(fields)
    return data


def test_the_list_shows_counts_per_topic_and_filters(admin_pusat: User, logged_in: Login) -> None:
    make_question(admin_pusat, "HAM-001")
    make_question(admin_pusat, "HAM-002", topic="complaints", text="Siapa Ombudsman?")
    client = logged_in(admin_pusat)

    response = client.get(LIST, {"topic": "complaints"})

    assert response.status_code == 200
    assert [q.code for q in response.context["page"].object_list] == ["HAM-002"]
    counts = {row.topic: row.total for row in response.context["counts"]}
    assert counts["concepts"] == counts["complaints"] == 1
    assert b"Bank soal" in response.content
    assert client.get(LIST, {"q": "ombudsman"}).context["page"].paginator.count == 1
    assert client.get(LIST, {"active": "0"}).context["page"].paginator.count == 0


def test_a_bad_filter_gives_400_not_an_error(admin_pusat: User, logged_in: Login) -> None:
    response = logged_in(admin_pusat).get(LIST, {"topic": "astronomy"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "username",
    ["operator_kanwil_jambi", "admin_pemkot_jambi", "admin_dinkes_jambi", "peserta_budi"],
)
def test_other_users_get_403_on_every_bank_page(
    username: str, request: pytest.FixtureRequest, admin_pusat: User, logged_in: Login
) -> None:
    question = make_question(admin_pusat)
    client = logged_in(request.getfixturevalue(username))
    edit = reverse("assessment:question_edit", args=[question.pk])
    toggle = reverse("assessment:question_toggle", args=[question.pk])

    for url in (LIST, CREATE, edit, EXPORT, IMPORT):
        assert client.get(url).status_code == 403
    assert client.post(toggle, {"action": "deactivate"}).status_code == 403
    assert client.post(CREATE, _post_data()).status_code == 403
    assert Question.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page() -> None:
    response = Client().get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_nav_link_shows_only_for_national_admins(
    admin_pusat: User, operator_kanwil_jambi: User, logged_in: Login
) -> None:
    home = reverse("accounts:home")
    assert LIST.encode() in logged_in(admin_pusat).get(home).content
    assert LIST.encode() not in logged_in(operator_kanwil_jambi).get(home).content


def test_the_create_page_shows_five_option_rows(admin_pusat: User, logged_in: Login) -> None:
    response = logged_in(admin_pusat).get(CREATE)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 5
    assert b'name="correct"' in response.content


def test_creating_a_question_saves_four_options_and_the_chosen_answer(
    admin_pusat: User, logged_in: Login
) -> None:
    response = logged_in(admin_pusat).post(CREATE, _post_data())

    assert response.status_code == 302
    question = Question.objects.get(code="HAM-500")
    assert question.options.count() == 4
    assert question.options.get(is_correct=True).text == "60 tahun ke atas"
    assert AuditEntry.objects.filter(action="peduliham.assessment.question.created").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"correct": "4"}, "menunjuk pilihan yang diisi"),
        ({"pilihan-3-text": ""}, "4 atau 5 pilihan"),
        ({"pilihan-1-text": "55 tahun"}, "tidak boleh sama"),
        ({"code": "HAM 500"}, "Kode soal wajib diisi"),
        ({"correct": "9"}, ""),
        ({"pilihan-TOTAL_FORMS": "x"}, ""),
    ],
)
def test_bad_input_redisplays_the_form_with_a_message(
    admin_pusat: User, logged_in: Login, fields: dict[str, Any], message: str
) -> None:
    response = logged_in(admin_pusat).post(CREATE, _post_data(**fields))

    assert response.status_code == 400
    assert message in str(response.context["form"].errors) + response.content.decode()
    assert not Question.objects.exists()


def test_a_taken_code_is_shown_as_a_form_error(admin_pusat: User, logged_in: Login) -> None:
    make_question(admin_pusat, "HAM-500")
    response = logged_in(admin_pusat).post(CREATE, _post_data())
    assert response.status_code == 400
    assert "sudah dipakai" in response.content.decode()


def test_editing_fills_the_form_and_saves_a_fifth_option(
    admin_pusat: User, logged_in: Login
) -> None:
    question = make_question(admin_pusat, "HAM-500", answer=3)
    url = reverse("assessment:question_edit", args=[question.pk])
    client = logged_in(admin_pusat)

    page = client.get(url)
    assert page.context["form"].initial["correct"] == 3
    assert page.context["formset"].forms[0].initial["text"] == "Pilihan 1"

    response = client.post(url, _post_data(correct=4, **{"pilihan-4-text": "75 tahun"}))
    assert response.status_code == 302
    assert question.options.count() == 5
    assert question.options.get(is_correct=True).position == 5


def test_editing_a_used_question_warns_and_refuses_a_new_answer(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, logged_in: Login
) -> None:
    question = make_question(admin_pusat, "HAM-500", answer=1)
    use_in_exam(question, admin_pusat, admin_pemkot_jambi, kota_jambi)
    url = reverse("assessment:question_edit", args=[question.pk])
    client = logged_in(admin_pusat)

    assert client.get(url).context["in_use"] is True
    response = client.post(url, _post_data(correct=2))
    assert response.status_code == 400
    assert "sudah dipakai dalam ujian" in response.content.decode()


def test_an_unknown_question_is_404(admin_pusat: User, logged_in: Login) -> None:
    url = reverse("assessment:question_edit", args=[999])
    assert logged_in(admin_pusat).get(url).status_code == 404


def test_the_toggle_deactivates_then_reactivates_and_keeps_filters(
    admin_pusat: User, logged_in: Login
) -> None:
    question = make_question(admin_pusat)
    url = reverse("assessment:question_toggle", args=[question.pk])
    client = logged_in(admin_pusat)

    response = client.post(url, {"action": "deactivate", "kembali": "topic=concepts&halaman=2"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?topic=concepts&halaman=2"
    question.refresh_from_db()
    assert not question.is_active

    client.post(url, {"action": "activate"})
    question.refresh_from_db()
    assert question.is_active


def test_a_bad_toggle_shows_a_message_and_changes_nothing(
    admin_pusat: User, logged_in: Login
) -> None:
    question = make_question(admin_pusat)
    url = reverse("assessment:question_toggle", args=[question.pk])
    client = logged_in(admin_pusat)

    for data in ({"action": "explode"}, {"action": "activate"}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert list(response.context["messages"])
    assert client.get(url).status_code == 405
    question.refresh_from_db()
    assert question.is_active


def test_the_export_downloads_the_bank_as_xlsx(admin_pusat: User, logged_in: Login) -> None:
    make_question(admin_pusat, "HAM-001")
    response = logged_in(admin_pusat).get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active  # type: ignore[attr-defined]
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[1][0] == "HAM-001"


def _upload(content: bytes, name: str = "bank.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_TYPE)


def test_importing_the_export_reports_every_row_unchanged(
    admin_pusat: User, logged_in: Login
) -> None:
    make_question(admin_pusat, "HAM-001")
    make_question(admin_pusat, "HAM-002")
    client = logged_in(admin_pusat)
    exported = b"".join(client.get(EXPORT).streaming_content)  # type: ignore[attr-defined]

    response = client.post(IMPORT, {"file": _upload(exported)})

    assert response.status_code == 200
    assert response.context["report"].counts["unchanged"] == 2
    assert "Hasil impor" in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_upload(b"bukan spreadsheet"), "bukan spreadsheet .xlsx"),
        (_upload(b"x", name="bank.csv"), "Hanya berkas .xlsx"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message(
    admin_pusat: User, logged_in: Login, upload: SimpleUploadedFile, message: str
) -> None:
    response = logged_in(admin_pusat).post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_import_page_without_a_file_is_400(admin_pusat: User, logged_in: Login) -> None:
    client = logged_in(admin_pusat)
    assert client.get(IMPORT).status_code == 200
    assert client.post(IMPORT, {}).status_code == 400


def test_the_django_admin_shows_the_bank_read_only(admin_pusat: User, logged_in: Login) -> None:
    question = make_question(admin_pusat)
    admin_pusat.is_staff = True
    admin_pusat.save(update_fields=["is_staff"])
    client = logged_in(admin_pusat)

    assert client.get(reverse("admin:assessment_question_changelist")).status_code == 200
    change = reverse("admin:assessment_question_change", args=[question.pk])
    assert client.get(change).status_code == 200
    assert client.get(reverse("admin:assessment_question_add")).status_code == 403
