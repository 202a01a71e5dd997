"""Why a NIP or an imported row is refused: a stable code, Indonesian text and English text.

The Indonesian text is the translatable msgid; the English text travels with
it so an error report can carry both columns whatever language is active.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    message: str | Promise
    english: str

    def render(self, **params: Any) -> tuple[str, str]:
        """The Indonesian and English sentences with `params` filled in."""
        with translation.override("id"):
            indonesian = str(self.message)
        if params:
            return indonesian % params, self.english % params
        return indonesian, self.english


def _reason(code: str, message: str | Promise, english: str) -> Reason:
    return Reason(code, message, english)


# NIP reasons (people.nip)
NIP_EMPTY = _reason("nip_empty", _("NIP kosong"), "NIP is empty")
NIP_NOT_DIGITS = _reason(
    "nip_not_digits", _("NIP hanya boleh berisi angka"), "NIP may contain digits only"
)
NIP_NOT_DIGITS_SHOWN = _reason(
    "nip_not_digits",
    _("NIP hanya boleh berisi angka; tertulis juga %(value)s"),
    "NIP may contain digits only; it also holds %(value)s",
)
NIP_WRONG_LENGTH = _reason(
    "nip_wrong_length",
    _("NIP harus 18 angka, tertulis %(length)s angka"),
    "NIP must have 18 digits, found %(length)s",
)
NIP_WRONG_LENGTH_NIK = _reason(
    "nip_wrong_length",
    _("NIP harus 18 angka, tertulis 16 angka: ini tampaknya NIK (nomor KTP), bukan NIP"),
    "NIP must have 18 digits, found 16: this looks like a NIK (identity card number), not a NIP",
)
NIP_EXCEL_MANGLED = _reason(
    "nip_excel_mangled",
    _(
        "NIP rusak oleh Excel (ditulis sebagai angka sehingga angka terakhir hilang); "
        "format kolom NIP sebagai teks dan ketik ulang"
    ),
    "NIP was mangled by Excel (stored as a number, so its last digits were lost); "
    "format the NIP column as text and type it again",
)
NIP_BIRTH_DATE_INVALID = _reason(
    "nip_birth_date_invalid",
    _("Tanggal lahir dalam NIP (%(value)s) tidak mungkin"),
    "The birth date in the NIP (%(value)s) is impossible",
)
NIP_SERVICE_MONTH_INVALID = _reason(
    "nip_service_month_invalid",
    _("Bulan mulai kerja dalam NIP (%(value)s) harus 01 sampai 12"),
    "The month of service start in the NIP (%(value)s) must be 01 to 12",
)
NIP_SERVICE_IN_FUTURE = _reason(
    "nip_service_in_future",
    _("Mulai kerja dalam NIP (%(value)s) belum terjadi"),
    "The service start in the NIP (%(value)s) lies in the future",
)
NIP_SERVICE_TOO_EARLY = _reason(
    "nip_service_too_early",
    _("Mulai kerja dalam NIP (%(value)s) sebelum usia 17 tahun"),
    "The service start in the NIP (%(value)s) is before the age of 17",
)
NIP_SEX_DIGIT_INVALID = _reason(
    "nip_sex_digit_invalid",
    _("Digit jenis kelamin dalam NIP (%(value)s) harus 1 atau 2"),
    "The sex digit in the NIP (%(value)s) must be 1 or 2",
)

NIP_REASONS = {
    reason.code: reason
    for reason in (
        NIP_EMPTY,
        NIP_NOT_DIGITS,
        NIP_WRONG_LENGTH,
        NIP_EXCEL_MANGLED,
        NIP_BIRTH_DATE_INVALID,
        NIP_SERVICE_MONTH_INVALID,
        NIP_SERVICE_IN_FUTURE,
        NIP_SERVICE_TOO_EARLY,
        NIP_SEX_DIGIT_INVALID,
    )
}

# Row reasons (people.importing)
DUPLICATE_NIP = _reason(
    "duplicate_nip",
    _("NIP ganda dalam berkas: baris %(rows)s"),
    "Duplicate NIP in the file: rows %(rows)s",
)
NIP_IN_OTHER_REGION = _reason(
    "nip_in_other_region",
    _("NIP sudah terdaftar aktif di wilayah lain (%(region)s)"),
    "The NIP is already registered as active in another region (%(region)s)",
)
NIP_LEFT_FOR_OTHER_REGION = _reason(
    "nip_in_other_region",
    _(
        "NIP terdaftar di wilayah lain (%(region)s); ASN yang tidak aktif di sini tidak "
        "dipindahkan ke wilayah ini"
    ),
    "The NIP is registered in another region (%(region)s); an ASN inactive here is not "
    "moved to this region",
)
NAME_MISSING = _reason("name_missing", _("Nama kosong"), "Name is empty")
NAME_NIP_UNSPLIT = _reason(
    "name_nip_unsplit",
    _(
        "Nama dan NIP tidak dapat dipisahkan: %(value)s (satu sel memuat lebih dari satu "
        "nomor; tulis nama lalu NIP di baris berikutnya, atau Nama - NIP)"
    ),
    "The name and the NIP cannot be told apart: %(value)s (the cell holds more than one "
    "number; write the name with the NIP on the next line, or Name - NIP)",
)
COLUMNS_SHIFTED = _reason(
    "columns_shifted",
    _(
        "Kolom bergeser: baris ini berisi %(found)s kolom, judulnya %(expected)s; pemisah "
        "kolom (%(separator)s) ada di dalam isian tanpa tanda kutip, mis. sebelum gelar "
        "(%(reason)s)"
    ),
    "Columns shifted: this row has %(found)s columns, its header %(expected)s; the column "
    "separator (%(separator)s) stands inside a value without quotes, e.g. before a title "
    "(%(reason)s)",
)
BAD_BIRTH_DATE = _reason(
    "bad_birth_date",
    _("Tanggal lahir tidak terbaca: %(value)s"),
    "Birth date cannot be read: %(value)s",
)
BIRTH_DATE_MISMATCH = _reason(
    "birth_date_mismatch",
    _("Tanggal lahir %(file)s tidak sesuai dengan NIP (%(nip)s)"),
    "Birth date %(file)s does not match the NIP (%(nip)s)",
)
BAD_SEX = _reason(
    "bad_sex",
    _("Jenis kelamin tidak dikenal: %(value)s (gunakan L atau P)"),
    "Unknown sex: %(value)s (use L or P)",
)
SEX_MISMATCH = _reason(
    "sex_mismatch",
    _("Jenis kelamin %(file)s tidak sesuai dengan NIP (%(nip)s)"),
    "Sex %(file)s does not match the NIP (%(nip)s)",
)
BAD_EMPLOYMENT_KIND = _reason(
    "bad_employment_kind",
    _(
        "Jenis atau kedudukan ASN tidak dikenal: %(value)s (gunakan PNS atau PPPK, "
        "atau kedudukan seperti Aktif atau Pensiun)"
    ),
    "Unknown employment kind or status: %(value)s (use PNS or PPPK, "
    "or a status such as Aktif or Pensiun)",
)
KIND_MISMATCH = _reason(
    "kind_mismatch",
    _(
        "NIP ini nomor NI PPPK (21 di tempat bulan mulai kerja NIP PNS), tetapi jenis "
        "pegawainya tertulis PNS: perbaiki jenis pegawai atau NIP"
    ),
    "This number is an NI PPPK (21 where a PNS NIP has its month of service), but the "
    "employment kind says PNS: correct the kind or the NIP",
)
NOT_ASN = _reason(
    "not_asn",
    _("Bukan ASN: %(value)s (registri hanya memuat PNS dan PPPK)"),
    "Not an ASN: %(value)s (the registry holds PNS and PPPK only)",
)
BAD_STATUS = _reason(
    "bad_status",
    _(
        "Kedudukan ASN tidak dikenal: %(value)s (mis. Aktif, Tugas Belajar, Pensiun, "
        "Meninggal, Pindah Instansi, CLTN, Pemberhentian Sementara)"
    ),
    "Unknown employment status: %(value)s (e.g. Aktif, Tugas Belajar, Pensiun, Meninggal, "
    "Pindah Instansi, CLTN, Pemberhentian Sementara)",
)
BAD_RANK = _reason(
    "bad_rank",
    _("Golongan tidak dikenal untuk %(kind)s: %(value)s"),
    "Unknown rank for %(kind)s: %(value)s",
)
BAD_POSITION_KIND = _reason(
    "bad_position_kind",
    _("Jenis jabatan tidak dikenal: %(value)s (struktural, fungsional atau pelaksana)"),
    "Unknown position kind: %(value)s (structural, functional or executive)",
)
BAD_FRONTLINE = _reason(
    "bad_frontline",
    _("Isian pelayanan publik tidak dikenal: %(value)s (gunakan Ya atau Tidak)"),
    "Unknown front-line value: %(value)s (use Ya or Tidak)",
)
BAD_EMAIL = _reason(
    "bad_email", _("Alamat surel tidak sah: %(value)s"), "Invalid e-mail address: %(value)s"
)
VALUE_TOO_LONG = _reason(
    "value_too_long",
    _("Isian %(column)s terlalu panjang (paling banyak %(limit)s karakter)"),
    "%(column)s is too long (at most %(limit)s characters)",
)
UNIT_MISSING = _reason("unit_missing", _("Unit kerja kosong"), "Work unit is empty")
UNIT_UNKNOWN = _reason(
    "unit_unknown",
    _("Unit kerja tidak dikenal: %(unit)s. Yang paling mirip: %(suggestions)s"),
    "Unknown work unit: %(unit)s. Closest known units: %(suggestions)s",
)
UNIT_AMBIGUOUS = _reason(
    "unit_ambiguous",
    _(
        "Nama unit kerja %(unit)s dipakai lebih dari satu unit: %(suggestions)s; "
        "isi kolom UNOR INDUK"
    ),
    "The work unit name %(unit)s belongs to several units: %(suggestions)s; fill in UNOR INDUK",
)
UNIT_NOT_CREATED = _reason(
    "unit_not_created",
    _("Unit kerja %(unit)s tidak dapat dibuat: %(error)s"),
    "The work unit %(unit)s could not be created: %(error)s",
)
