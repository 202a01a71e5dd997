import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from peduliham.people.grades import normalise_pns_rank, normalise_pppk_grade, validate_rank
from peduliham.people.importing.headers import Field, map_headers
from peduliham.people.importing.units import KnownUnit, UnitMatcher, unit_key
from peduliham.people.importing.values import (
    month_first_reading,
    normalise_phone,
    parse_date,
    parse_employment_kind,
    parse_position_kind,
    parse_sex,
    split_titles,
)

BIRTH = datetime.date(1986, 9, 26)


@pytest.mark.parametrize(
    "value",
    [
        "26-09-1986",
        "26/09/1986",
        "26.09.1986",
        "1986-09-26",
        "1986-09-26 00:00:00",
        "26 September 1986",
        "26 Sep 1986",
        "9/26/1986",
        31681,
        31681.0,
        "31681",
        datetime.date(1986, 9, 26),
        datetime.datetime(1986, 9, 26, 0, 0),  # noqa: DTZ001 - a spreadsheet cell has no zone
    ],
)
def test_it_reads_the_date_formats_of_hr_exports(value: object) -> None:
    assert parse_date(value) == BIRTH  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "26 Sept. 1986",
        "9/26/1986 12:00:00 AM",  # a date-time from a US-locale system, in 12-hour time
        "26-09-1986 12:00 AM",
        "Jambi 26-09-1986",  # TEMPAT/TGL LAHIR with the comma forgotten
        "Kota Jambi 26 September 1986",
    ],
)
def test_it_reads_dates_as_clerks_and_other_systems_also_write_them(value: str) -> None:
    assert parse_date(value) == BIRTH


@pytest.mark.parametrize(
    ("text", "month"),
    [("14 Pebr 1990", 2), ("14 Febr. 1990", 2), ("14 Mrt 1990", 3), ("14 Agust 1990", 8)],
)
def test_month_abbreviations_typed_by_hand_are_read(text: str, month: int) -> None:
    assert parse_date(text) == datetime.date(1990, month, 14)


@pytest.mark.parametrize("value", ["31-02-1986", "kemarin", "", None, True, "26-13-1986x"])
def test_it_refuses_what_is_not_a_date(value: object) -> None:
    assert parse_date(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("L", "L"),
        ("Laki-laki", "L"),
        ("LAKI - LAKI", "L"),
        ("Pria", "L"),
        ("1", "L"),
        ("P", "P"),
        ("Perempuan", "P"),
        ("wanita", "P"),
        ("2", "P"),
        ("X", None),
    ],
)
def test_it_reads_sex_as_exports_write_it(text: str, sex: str | None) -> None:
    assert parse_sex(text) == sex


def test_it_reads_employment_and_position_kinds() -> None:
    assert parse_employment_kind("CPNS") == "PNS"
    assert parse_employment_kind("P3K") == "PPPK"
    assert parse_employment_kind("PPPK Paruh Waktu") == "PPPK"
    assert parse_employment_kind("honorer") is None
    assert parse_position_kind("Jabatan Fungsional Tertentu") == "fungsional"
    assert parse_position_kind("Fungsional Umum") == "pelaksana"
    assert parse_position_kind("Struktural") == "struktural"
    assert parse_position_kind("JABATAN PIMPINAN TINGGI") == "struktural"
    assert parse_position_kind("lain-lain") is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Dr. dr. H. Maulana, M.K.M", ("Dr. dr. H.", "Maulana", "M.K.M")),
        ("Diza Hazra Aljosha, S.E., M.A", ("", "Diza Hazra Aljosha", "S.E., M.A")),
        ("Hj. Siti Aminah, S.Pd.", ("Hj.", "Siti Aminah", "S.Pd.")),
        ("M. Ikhsan", ("", "M. Ikhsan", "")),
        ("Prof.Dr.Ir. Budi", ("Prof.Dr.Ir.", "Budi", "")),
        ("Budi  Santoso", ("", "Budi Santoso", "")),
    ],
)
def test_it_splits_titles_from_a_name_in_one_cell(text: str, parts: tuple[str, ...]) -> None:
    assert split_titles(text) == parts


def test_it_restores_the_leading_zero_excel_drops_from_phone_numbers() -> None:
    assert normalise_phone(81234567890.0) == "081234567890"
    assert normalise_phone("+62 812-3456-7890") == "+6281234567890"
    assert normalise_phone("-") == ""


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("III/a", "III/a"),
        ("III / A", "III/a"),
        ("IIIa", "III/a"),
        ("Penata Muda, III/a", "III/a"),
        ("Pembina Utama (IV/e)", "IV/e"),
        ("3/b", "III/b"),
        ("IV/f", None),
        ("Guru", None),
    ],
)
def test_it_normalises_pns_ranks(text: str, rank: str | None) -> None:
    assert normalise_pns_rank(text) == rank


@pytest.mark.parametrize(
    ("text", "grade"),
    [("IX", "IX"), ("Golongan XVII", "XVII"), ("9", "IX"), ("12", "XII"), ("XVIII", None)],
)
def test_it_normalises_pppk_grades(text: str, grade: str | None) -> None:
    assert normalise_pppk_grade(text) == grade


def test_it_recognises_headers_in_any_case_and_spacing_with_synonyms() -> None:
    columns = map_headers(
        ["No", "nip  baru", "NIP LAMA", "Nama Lengkap", "Tgl. Lahir", "GOL/RUANG", "Unit Kerja"]
    )

    assert columns.columns[Field.NIP] == 1
    assert columns.columns[Field.NAME] == 3
    assert columns.columns[Field.BIRTH_DATE] == 4
    assert columns.columns[Field.RANK] == 5
    assert columns.columns[Field.UNIT] == 6
    assert columns.missing_required() == []


def test_it_lists_the_required_columns_a_header_lacks() -> None:
    assert map_headers(["NAMA", "JABATAN"]).missing_required() == [Field.NIP, Field.UNIT]


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("DINAS KESEHATAN KOTA JAMBI", "Dinas Kesehatan"),
        ("Dis. Kesehatan", "Dinas Kesehatan"),
        ("SD Negeri 012", "SDN 12"),
        ("PKM Simpang Kawat", "Puskesmas Simpang Kawat"),
        ("Kec. Telanaipura", "Kecamatan Telanaipura"),
        ("Sekretariat Daerah", "Setda"),
    ],
)
def test_unit_keys_ignore_case_punctuation_and_abbreviations(written: str, known: str) -> None:
    assert unit_key(written, "Kota Jambi") == unit_key(known, "Kota Jambi")


def test_the_matcher_finds_a_unit_by_short_name_and_suggests_close_ones() -> None:
    matcher = UnitMatcher(
        [
            KnownUnit(1, "Dinas Kesehatan", "Dinkes", None, False),
            KnownUnit(2, "Dinas Pendidikan", "", None, False),
        ],
        "Kota Jambi",
    )

    assert matcher.match("DINKES").unit == KnownUnit(1, "Dinas Kesehatan", "Dinkes", None, False)
    unknown = matcher.match("Dinas Kesehatn Hewan")
    assert unknown.unit is None
    assert unknown.problem == "unknown"
    assert unknown.suggestions[0] == "Dinas Kesehatan"


def test_the_matcher_uses_the_parent_unit_to_tell_same_named_units_apart() -> None:
    matcher = UnitMatcher(
        [
            KnownUnit(1, "Dinas Kesehatan", "", None, False),
            KnownUnit(2, "Dinas Pendidikan", "", None, False),
            KnownUnit(3, "Sekretariat", "", 1, False),
            KnownUnit(4, "Sekretariat", "", 2, False),
        ],
        "Kota Jambi",
    )

    assert matcher.match("Sekretariat").problem == "ambiguous"
    found = matcher.match("Sekretariat", "Dinas Pendidikan").unit
    assert found is not None
    assert found.id == 4


def test_the_rank_validator_accepts_pns_ranks_and_pppk_grades_only() -> None:
    validate_rank("IV/e")
    validate_rank("XVII")
    validate_rank("")
    with pytest.raises(ValidationError) as error:
        validate_rank("III-a")

    assert error.value.code == "bad_rank"


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("Penata Muda", "III/a"),
        ("Penata Muda Tk. I", "III/b"),
        ("Pembina Utama Madya", "IV/d"),
        ("Penata Tk.1", "III/d"),  # the grade of "tingkat" in an arabic numeral
        ("Pengatur Tkt 1", "II/d"),
    ],
)
def test_it_reads_a_pns_rank_given_only_by_its_name(text: str, rank: str) -> None:
    assert normalise_pns_rank(text) == rank


def test_it_reads_required_columns_with_longer_names_but_not_the_old_nip() -> None:
    columns = map_headers(["NIP LAMA", "NAMA LENGKAP (DENGAN GELAR)", "UNIT KERJA TERAKHIR"])

    assert columns.columns == {Field.NAME: 1, Field.UNIT: 2}
    assert columns.missing_required() == [Field.NIP]


def test_it_reads_the_employment_kinds_siasn_writes() -> None:
    assert parse_employment_kind("PNS Daerah") == "PNS"
    assert parse_employment_kind("PNS Pusat DPK") == "PNS"


@pytest.mark.parametrize(
    "value",
    [
        "Jambi, 26-09-1986",
        "Muara Bulian,26 September 1986",
        "Kamis, 26 September 1986",
        "Jambi / 26-09-1986",
        "26-09-1986 00:00:00",
        "26/09/1986 0:00",
        "26 - 09 - 1986",
        "26091986",
        "19860926",
        "Sep 26, 1986",
        "26-Sept-1986",
        '="26-09-1986"',
    ],
)
def test_it_reads_the_dates_clerks_type_by_hand(value: str) -> None:
    assert parse_date(value) == BIRTH


@pytest.mark.parametrize("value", ["Jambi", "Jambi, kemarin", "Jambi, 31-02-1986", "26091986x"])
def test_a_place_without_a_real_date_is_no_date(value: str) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("N I P", Field.NIP),
        ("N.I.P.", Field.NIP),
        ("NIP/NI PPPK", Field.NIP),
        ("TEMPAT/TGL LAHIR", Field.BIRTH_DATE),
        ("Tempat, Tanggal Lahir", Field.BIRTH_DATE),
        ("TTL", Field.BIRTH_DATE),
        ("L/P", Field.SEX),
        ("JNS KELAMIN", Field.SEX),
        ("J/K", Field.SEX),
        ("Pangkat / Gol. Ruang", Field.RANK),
        ("GOLONGAN AKHIR", Field.RANK),
        ("NAMA UNIT KERJA", Field.UNIT),
        ("Nama OPD", Field.UNIT),
        ("TEMPAT TUGAS", Field.UNIT),
        # A note on the format in brackets, "latest" after the name, the older word for OPD.
        ("TANGGAL LAHIR (DD-MM-YYYY)", Field.BIRTH_DATE),
        ("JENIS KELAMIN (L/P)", Field.SEX),
        ("JK (L/P)", Field.SEX),
        ("JABATAN TERAKHIR", Field.POSITION_NAME),
        ("GOLONGAN TERAKHIR", Field.RANK),
        ("SKPD", Field.UNIT),
        ("NAMA SKPD", Field.UNIT),
    ],
)
def test_it_recognises_the_header_spellings_of_hand_made_lists(written: str, field: Field) -> None:
    assert map_headers(["NO", written]).columns.get(field) == 1


def test_a_note_in_brackets_never_makes_the_old_nip_the_nip() -> None:
    assert not map_headers(["NIP (LAMA)", "NAMA", "UNIT KERJA"]).has(Field.NIP)
    assert map_headers(["NIP (LAMA)", "NIP (BARU)", "NAMA"]).columns[Field.NIP] == 1


def test_a_separate_birth_date_column_wins_over_place_and_date() -> None:
    columns = map_headers(["TEMPAT/TGL LAHIR", "TGL LAHIR"])

    assert columns.columns[Field.BIRTH_DATE] == 1


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("Laki2", "L"),
        ("Lelaki", "L"),
        ("Lk.", "L"),
        ("Pr.", "P"),
        ("Perempuan (P)", "P"),  # the word and its letter, as a dropdown list shows them
        ("L - Laki-laki", "L"),
    ],
)
def test_it_reads_the_shorthand_clerks_use_for_sex(text: str, sex: str) -> None:
    assert parse_sex(text) == sex


def test_a_sex_written_both_ways_at_once_is_no_sex() -> None:
    assert parse_sex("L / P") is None


@pytest.mark.parametrize(("text", "grade"), [("09", "IX"), ("Gol. 05", "V"), ("Golongan IX", "IX")])
def test_it_reads_pppk_grades_written_with_a_leading_zero(text: str, grade: str) -> None:
    assert normalise_pppk_grade(text) == grade


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("AHMAD FAUZI S.H.", ("", "AHMAD FAUZI", "S.H.")),
        ("Siti Aminah S.Pd", ("", "Siti Aminah", "S.Pd")),
        ("Budi Santoso S.Kom., M.Si", ("", "Budi Santoso", "S.Kom., M.Si")),
        ("Rina Sari S.Kep Ns.", ("", "Rina Sari", "S.Kep Ns.")),
        ("dr.Rina Sp.PD", ("dr.", "Rina", "Sp.PD")),
        ("Ir.H.Ahmad Yani", ("Ir.H.", "Ahmad Yani", "")),
        ("Budi S.", ("", "Budi S.", "")),  # an initial, not a title
        ("Ahmad M.", ("", "Ahmad M.", "")),
        ("A.Rahman", ("", "A.Rahman", "")),
        # Names in capitals, as nominative lists print them.
        ("DR.H.MAULANA,M.KM", ("DR.H.", "MAULANA", "M.KM")),
        ("dr.RINA SUSANTI,Sp.PD", ("dr.", "RINA SUSANTI", "Sp.PD")),
        ("Hj.SITI AMINAH", ("Hj.", "SITI AMINAH", "")),
        ("NS.DEWI LESTARI,S.KEP", ("NS.", "DEWI LESTARI", "S.KEP")),
        ("H.M.YUSUF", ("", "H.M.YUSUF", "")),  # M. is an initial: no titles to split off
        ("A.RAHMAN", ("", "A.RAHMAN", "")),
    ],
)
def test_it_finds_titles_typed_without_commas_or_spaces(text: str, parts: tuple[str, ...]) -> None:
    assert split_titles(text) == parts


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("UPTD Puskesmas Simpang Kawat", "Puskesmas Simpang Kawat"),
        ("UPT PUSKESMAS SIMPANG KAWAT", "Puskesmas Simpang Kawat"),
        ("Pusk. Simpang Kawat", "Puskesmas Simpang Kawat"),
        (
            "Badan Kepegawaian dan Pengembangan SDM",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ),
        ("Sat Pol PP", "Satuan Polisi Pamong Praja"),
        ("Kantor Camat Telanaipura", "Kecamatan Telanaipura"),
        ("Kantor Kecamatan Telanaipura", "Kecamatan Telanaipura"),
        ("RSUD Abdul Manap", "RSUD H. Abdul Manap"),
        ("Pemerintah Kota Jambi Dinas Kesehatan", "Dinas Kesehatan"),
        ("DINAS KESEHATAN PEMERINTAH KOTA JAMBI", "Dinas Kesehatan"),
        # Jambi's schools are numbered "No. 47/IV" in their official names.
        ("SDN No. 47/IV Kota Jambi", "SD Negeri 47/IV Kota Jambi"),
        ("SD Negeri Nomor 047/IV", "SD Negeri 47/IV Kota Jambi"),
        # Numbers in place names, in roman or arabic numerals.
        ("Puskesmas Paal 10", "Puskesmas Paal X"),
        ("PUSKESMAS SIMPANG 4 SIPIN", "Puskesmas Simpang IV Sipin"),
        ("Puskesmas Paal Merah 2", "Puskesmas Paal Merah II"),
        # "Kota" for the city the list is from.
        ("Dinas Kesehatan Kota", "Dinas Kesehatan"),
    ],
)
def test_unit_keys_fold_the_prefixes_and_abbreviations_of_siasn_unit_names(
    written: str, known: str
) -> None:
    assert unit_key(written, "Kota Jambi") == unit_key(known, "Kota Jambi")


def test_the_matcher_reads_a_place_name_written_in_one_word_or_two() -> None:
    telanaipura = KnownUnit(1, "Kecamatan Telanaipura", "", None, True)
    kota_baru = KnownUnit(2, "Kecamatan Kota Baru", "", None, True)
    matcher = UnitMatcher([telanaipura, kota_baru], "Kota Jambi")

    assert matcher.match("Kecamatan Telanai Pura").unit == telanaipura
    assert matcher.match("Kec. Kotabaru").unit == kota_baru


def test_numbers_are_never_run_together_to_match_a_unit() -> None:
    matcher = UnitMatcher([KnownUnit(1, "SD Negeri 11/4", "", None, True)], "Kota Jambi")

    assert matcher.match("SD Negeri 1/14").unit is None


def test_the_matcher_reads_a_short_name_given_in_brackets() -> None:
    dinkes = KnownUnit(1, "Dinas Kesehatan", "Dinkes", None, False)
    matcher = UnitMatcher([dinkes, KnownUnit(2, "Dinas Pendidikan", "", None, False)], "Kota Jambi")

    assert matcher.match("Dinas Kesehatan (Dinkes)").unit == dinkes
    assert matcher.match("DINKES (Dinas Kesehatan)").unit == dinkes
    assert matcher.match("Dinas Kesehatan (Dinas Pendidikan)").problem == "ambiguous"


def test_a_spelled_out_uptd_prefix_is_folded_like_the_abbreviation() -> None:
    assert unit_key("Unit Pelaksana Teknis Daerah Puskesmas Simpang Kawat") == unit_key(
        "Puskesmas Simpang Kawat"
    )


def test_a_date_with_day_and_month_both_twelve_or_less_has_a_month_first_reading() -> None:
    assert month_first_reading("1/5/1990") == datetime.date(1990, 1, 5)
    assert month_first_reading("05-01-1990") == datetime.date(1990, 5, 1)
    assert month_first_reading("26/09/1986") is None  # only one reading
    assert month_first_reading("1990-01-05") is None  # ISO has one order
    assert month_first_reading("5 Januari 1990") is None


def test_the_matcher_reads_a_unit_written_with_the_path_to_it() -> None:
    dinkes = KnownUnit(1, "Dinas Kesehatan", "Dinkes", None, False)
    puskesmas = KnownUnit(2, "Puskesmas Simpang Kawat", "", 1, True)
    disdik = KnownUnit(3, "Dinas Pendidikan", "", None, False)
    matcher = UnitMatcher([dinkes, puskesmas, disdik], "Kota Jambi")

    assert matcher.match("Dinas Kesehatan - Puskesmas Simpang Kawat").unit == puskesmas
    assert matcher.match("PUSKESMAS SIMPANG KAWAT / DINKES").unit == puskesmas
    assert matcher.match("Dinas Kesehatan > Bidang Antah").problem == "unknown"
    assert matcher.match("Dinas Kesehatan - Dinas Pendidikan").problem == "ambiguous"


def test_the_matcher_reads_a_unit_named_next_to_the_unit_it_belongs_to() -> None:
    setda = KnownUnit(1, "Sekretariat Daerah", "Setda", None, False)
    umum = KnownUnit(2, "Bagian Umum", "", 1, False)
    dinkes = KnownUnit(3, "Dinas Kesehatan", "Dinkes", None, False)
    putri_ayu = KnownUnit(4, "Puskesmas Putri Ayu", "", 3, True)
    matcher = UnitMatcher([setda, umum, dinkes, putri_ayu], "Kota Jambi")

    assert matcher.match("BAGIAN UMUM SETDA").unit == umum
    assert matcher.match("Bagian Umum Sekretariat Daerah Kota Jambi").unit == umum
    assert matcher.match("Dinas Kesehatan Puskesmas Putri Ayu").unit == putri_ayu
    # Two lines of one cell, the region's name after the first.
    assert matcher.match("DINAS KESEHATAN KOTA JAMBI\nPUSKESMAS PUTRI AYU").unit == putri_ayu
    # Two units that do not belong together are no unit.
    assert matcher.match("Bagian Umum Dinkes").problem == "unknown"


@given(
    st.dates(datetime.date(1940, 1, 1), datetime.date(2010, 12, 31)),
    st.text(alphabet=st.characters(categories=["Lu", "Ll"]) | st.just(" "), min_size=1),
    st.sampled_from(["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]),
    st.sampled_from([", ", ",", " / "]),
)
def test_a_date_after_any_place_name_is_read_as_that_date(
    birth: datetime.date, place: str, layout: str, separator: str
) -> None:
    assert parse_date(f"{place}{separator}{birth:{layout}}") == birth
