import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peduliham.people.nip import NipKind, kind_by_digits, parse_nip
from peduliham.people.reasons import NIP_REASONS

TODAY = datetime.date(2026, 1, 15)


def test_it_reads_the_parts_of_an_official_spaced_nip() -> None:
    result = parse_nip("19860926 201505 1 001", today=TODAY)

    assert result.ok
    assert result.digits == "198609262015051001"
    assert result.birth_date == datetime.date(1986, 9, 26)
    assert result.service_start == (2015, 5)
    assert result.sex == "L"
    assert result.sequence == "001"
    assert result.kind is NipKind.PNS
    assert result.formatted == "19860926 201505 1 001"


@pytest.mark.parametrize(
    "text",
    [
        "198609262015052001",
        "19860926.201505.2.001",
        "19860926-201505-2-001",
        " 19860926  201505 2 001 ",
        "'198609262015052001",
        "19860926\u00a0201505\u00a02\u00a0001",
        "19860926 \u2013 201505 \u2013 2 \u2013 001",  # en dashes, as Word autocorrects them
        "19860926\u2014201505\u20142\u2014001",
    ],
)
def test_it_accepts_the_ways_people_write_a_nip(text: str) -> None:
    result = parse_nip(text, today=TODAY)

    assert result.ok
    assert result.digits == "198609262015052001"
    assert result.sex == "P"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "nip_empty"),
        ("   ", "nip_empty"),
        ("19860926201505100", "nip_wrong_length"),
        ("1986092620150510011", "nip_wrong_length"),
        ("19860926201505100A", "nip_not_digits"),
        ("1.98609E+17", "nip_excel_mangled"),
        ("1,98609262015051E+17", "nip_excel_mangled"),
        ("198609262015051001.0", "nip_excel_mangled"),
        ("198609262015051000", "nip_excel_mangled"),
        ("198602302015051001", "nip_birth_date_invalid"),
        ("189901012015051001", "nip_birth_date_invalid"),
        ("202701012015051001", "nip_birth_date_invalid"),
        ("198609262015131001", "nip_service_month_invalid"),
        ("198609262015001001", "nip_service_month_invalid"),
        ("198609262027051001", "nip_service_in_future"),
        ("198609262000051001", "nip_service_too_early"),
        ("198609262015053001", "nip_sex_digit_invalid"),
    ],
)
def test_it_names_the_precise_reason_a_nip_is_invalid(text: str, code: str) -> None:
    result = parse_nip(text, today=TODAY)

    assert not result.ok
    assert result.error_code == code
    assert result.message
    assert result.message_en


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("19690306201701120O", "'O'"),  # the letter O typed for a zero
        ("19860926 201505 1 001 (Plt)", "'(Plt)'"),
        ("1986O926 2015O5 1 001", "'O', 'O'"),
    ],
)
def test_it_shows_what_else_than_digits_a_nip_holds(text: str, shown: str) -> None:
    result = parse_nip(text, today=TODAY)

    assert result.error_code == "nip_not_digits"
    assert result.message == f"NIP hanya boleh berisi angka; tertulis juga {shown}"
    assert result.message_en == f"NIP may contain digits only; it also holds {shown}"


def test_a_nip_without_any_digit_is_not_spelled_out() -> None:
    assert parse_nip("belum ada", today=TODAY).message == "NIP hanya boleh berisi angka"


def test_it_says_how_many_digits_it_found() -> None:
    result = parse_nip("19860926 201505 1 01", today=TODAY)

    assert result.message == "NIP harus 18 angka, tertulis 17 angka"
    assert result.message_en == "NIP must have 18 digits, found 17"


def test_it_checks_only_length_and_birth_date_of_a_pppk_number() -> None:
    result = parse_nip("198609262021211001", "PPPK", today=TODAY)

    assert result.ok
    assert result.kind is NipKind.PPPK
    assert result.birth_date == datetime.date(1986, 9, 26)
    assert result.service_start is None


def test_it_applies_the_pns_rules_when_the_kind_is_unknown() -> None:
    assert parse_nip("198609262021211001", today=TODAY).error_code == "nip_service_month_invalid"


def test_it_still_rejects_an_impossible_birth_date_in_a_pppk_number() -> None:
    result = parse_nip("198613262021211001", "PPPK", today=TODAY)

    assert result.error_code == "nip_birth_date_invalid"


@st.composite
def valid_nips(draw: st.DrawFn) -> tuple[str, datetime.date, tuple[int, int], str]:
    birth = draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2005, 12, 31)))
    year = draw(st.integers(birth.year + 18, TODAY.year - 1))
    month = draw(st.integers(1, 12))
    sex = draw(st.sampled_from("12"))
    sequence = draw(st.integers(1, 999))
    return f"{birth:%Y%m%d}{year}{month:02d}{sex}{sequence:03d}", birth, (year, month), sex


@given(valid_nips())
def test_every_nip_built_from_a_real_birth_date_and_service_start_parses_back(
    nip: tuple[str, datetime.date, tuple[int, int], str],
) -> None:
    digits, birth, start, sex = nip

    result = parse_nip(digits, today=TODAY)

    assert result.ok, result.message_en
    assert result.birth_date == birth
    assert result.service_start == start
    assert result.sex == ("L" if sex == "1" else "P")
    assert parse_nip(result.formatted, today=TODAY).digits == digits


@given(valid_nips(), st.sampled_from([" ", ".", "-", "  "]))
def test_formatting_variants_parse_to_the_same_parts(
    nip: tuple[str, datetime.date, tuple[int, int], str], separator: str
) -> None:
    digits = nip[0]
    spaced = separator.join([digits[:8], digits[8:14], digits[14], digits[15:]])

    plain, written = parse_nip(digits, today=TODAY), parse_nip(spaced, today=TODAY)

    assert (written.digits, written.birth_date, written.service_start, written.sex) == (
        plain.digits,
        plain.birth_date,
        plain.service_start,
        plain.sex,
    )


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_any_18_digit_string_parses_or_gives_a_known_reason(digits: str) -> None:
    result = parse_nip(digits, today=TODAY)

    assert result.ok or result.error_code in NIP_REASONS


@given(st.text(max_size=30), st.sampled_from([None, "PNS", "PPPK"]))
def test_no_text_makes_the_parser_fail_other_than_with_a_known_reason(
    text: str, kind: str | None
) -> None:
    result = parse_nip(text, kind, today=TODAY)

    assert result.ok or result.error_code in NIP_REASONS
    if result.ok:
        assert len(result.digits) == 18
        assert result.digits.isdigit()


def test_a_number_with_the_pppk_mark_is_told_from_a_pns_nip() -> None:
    assert kind_by_digits("199203142022212001") is NipKind.PPPK
    assert kind_by_digits("198609262015051001") is NipKind.PNS


def test_a_nik_in_the_nip_column_is_named_as_such() -> None:
    result = parse_nip("1571012609860001", today=TODAY)  # Kota Jambi, born 26-09-86

    assert result.error_code == "nip_wrong_length"
    assert "NIK" in result.message
    assert "NIK" in result.message_en


def test_a_nip_kept_as_text_by_an_excel_formula_is_read() -> None:
    assert parse_nip('="198609262015051001"', today=TODAY).digits == "198609262015051001"
