"""Reading one cell of an HR export: dates, sex, kinds, titles, phone numbers. Pure."""

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Final

type Cell = (
    str
    | int
    | float
    | bool
    | datetime.date
    | datetime.datetime
    | datetime.time
    | datetime.timedelta
    | None
)

EXCEL_EPOCH: Final = datetime.date(1899, 12, 30)
#: Day 0 of a workbook saved with Excel's 1904 date system (Excel for Mac before 2011).
EXCEL_1904_EPOCH: Final = datetime.date(1904, 1, 1)
_EXACT_DIGITS_LIMIT: Final = 1e15
_LAST_DAY: Final = datetime.date(9999, 12, 31)
_SPACES = re.compile(r"\s+")
# Characters that show nothing, pasted along with a value from web pages and chat apps:
# zero-width spaces and joiners, a byte-order mark inside a cell, soft hyphens, the marks
# that set the direction of text.
_INVISIBLE: Final = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"),
    None,
)
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "januari", "january"),
            ("feb", "februari", "pebruari", "february", "peb", "febr", "pebr"),
            ("mar", "maret", "march", "mrt"),
            ("apr", "april"),
            ("mei", "may"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("agu", "agt", "agus", "agust", "agustus", "aug", "august", "ags"),
            ("sep", "sept", "september"),
            ("okt", "oktober", "oct", "october"),
            ("nov", "nopember", "november", "nop"),
            ("des", "desember", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})$")
_WORD_DATE = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]+)[\s\-/.,]+(\d{2,4})$")
_MONTH_FIRST_DATE = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_COMPACT_DATE = re.compile(r"^\d{8}$")
# A time after the date, in 24-hour or 12-hour time (`12:00:00 AM` from US-locale systems).
_TIME_OF_DAY = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[AaPp]\.?[Mm]\.?)?$")
# `Jambi, 26-09-1986` (TEMPAT/TGL LAHIR), `Kamis, 26 September 1986`: the date after a place.
_PLACE_SEPARATOR = re.compile(r"\s*(?:,|\s/\s)\s*")
_SERIAL = re.compile(r"^\d{1,7}(\.0+)?$")
# `="26-09-1986"`: a formula that keeps a value as text when a CSV is opened in Excel.
_TEXT_FORMULA = re.compile(r'^="(.*)"$')


def cell_text(value: Cell) -> str:
    """A cell as the text a person would see, stripped (numbers without `.0`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value.isascii():  # a flag test: the common ASCII cell costs nothing more
            value = value.translate(_INVISIBLE)
        return " ".join(value.split())
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        # Beyond 15 significant digits a spreadsheet number has lost digits: show it as
        # Excel does (1.98609262015051e+17) rather than invent the missing ones.
        return str(int(value)) if abs(value) < _EXACT_DIGITS_LIMIT else format(value, ".15g")
    if isinstance(value, datetime.datetime):
        return f"{value:%d-%m-%Y}" if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def parse_date(value: Cell, *, epoch: datetime.date = EXCEL_EPOCH) -> datetime.date | None:
    """dd-mm-yyyy, dd/mm/yyyy, ISO, `26 September 1986`, Excel serial numbers (days since
    `epoch`: EXCEL_1904_EPOCH in a workbook saved with the 1904 date system) or date cells."""
    if isinstance(value, str):
        return _parse_date_text(value, epoch)
    return _parse_date_value(value, epoch)


@functools.lru_cache(maxsize=65536)
def _parse_date_text(value: str, epoch: datetime.date) -> datetime.date | None:
    return _parse_date_value(value, epoch)


def _parse_date_value(value: Cell, epoch: datetime.date) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_serial(float(value), epoch)
    if not isinstance(value, str):
        return None
    text = _TIME_OF_DAY.sub("", _TEXT_FORMULA.sub(r"\1", value.strip()))
    if _SERIAL.match(text):
        return _from_serial(float(text), epoch)
    found = _date_text(text)
    if found is None:
        *place, last = _PLACE_SEPARATOR.split(text)
        if place and last:
            found = _date_text(last)
    if found is None:
        # The place before the date without a comma: `Jambi 26-09-1986`, `Jambi 26 Sep 1986`.
        words = text.split()
        if len(words) > 1:
            found = _date_text(words[-1])
        if found is None and len(words) > 3:
            found = _date_text(" ".join(words[-3:]))
    return found


def _date_text(text: str) -> datetime.date | None:
    match = _NUMERIC_DATE.match(text)
    if match:
        return _from_numeric(*match.groups())
    match = _WORD_DATE.match(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month_name, year = match.groups()
        return _safe_date(_full_year(year), _MONTHS[month_name.lower()], int(day))
    match = _MONTH_FIRST_DATE.match(text)
    if match and match.group(1).lower() in _MONTHS:
        month_name, day, year = match.groups()
        return _safe_date(int(year), _MONTHS[month_name.lower()], int(day))
    if _COMPACT_DATE.match(text):
        # 19860926 as in a NIP, else 26091986.
        as_in_nip = text.startswith(("19", "20")) and _safe_date(
            int(text[:4]), int(text[4:6]), int(text[6:])
        )
        return as_in_nip or _safe_date(int(text[4:]), int(text[2:4]), int(text[:2]))
    return None


@functools.lru_cache(maxsize=1024)
def month_first_reading(text: str) -> datetime.date | None:
    """The other reading of `1/5/1990`, month first as Excel in a US locale writes it, when
    day and month could each be either; None when a numeric date has only one reading."""
    match = _NUMERIC_DATE.match(_TIME_OF_DAY.sub("", text.strip()))
    if match is None or len(match.group(1)) == 4:
        return None
    first, second, year = match.groups()
    if not (int(first) <= 12 and int(second) <= 12) or first == second:
        return None
    return _safe_date(_full_year(year), int(first), int(second))


def _from_serial(serial: float, epoch: datetime.date) -> datetime.date | None:
    if not 1 <= serial <= (_LAST_DAY - epoch).days or not serial.is_integer():
        return None
    return epoch + datetime.timedelta(days=int(serial))


def _from_numeric(first: str, second: str, third: str) -> datetime.date | None:
    if len(first) == 4:  # ISO order
        return _safe_date(int(first), int(second), int(third))
    year = _full_year(third)
    # Day first, as Indonesian exports write it; month first only when day-first is impossible.
    return _safe_date(year, int(second), int(first)) or _safe_date(year, int(first), int(second))


def _full_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    year = int(text)
    # Two-digit years are birth years: never in the future.
    this_year = datetime.datetime.now(tz=datetime.UTC).year % 100
    return 1900 + year if year > this_year else 2000 + year


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    if year < 1000:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_SEX_VALUES: Final = {
    "l": "L",
    "lk": "L",
    "laki": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "laki2": "L",
    "lelaki": "L",
    "pria": "L",
    "m": "L",
    "male": "L",
    "1": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
    "w": "P",
    "f": "P",
    "female": "P",
    "2": "P",
}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


@functools.lru_cache(maxsize=1024)
def parse_sex(text: str) -> str | None:
    """ "L" or "P" for L/P, Laki-laki/Perempuan, Pria/Wanita, 1/2; None when unknown."""
    key = _key(text)
    found = _SEX_VALUES.get(key)
    if found is None and " " in key:
        # The word with its letter, `Perempuan (P)`, `L - Laki-laki`: every part one sex.
        parts = {_SEX_VALUES.get(part) for part in (key.replace("laki laki", "laki").split())}
        found = parts.pop() if len(parts) == 1 else None
    return found


# Staff who are no ASN at all: contract and casual workers paid by the region (honorer,
# PTT, THL, TKK), who turn up in the same staff lists.
_NOT_ASN: Final = (
    "honorer",
    "non asn",
    "nonasn",
    "non pns",
    "nonpns",
    "ptt",
    "thl",
    "tkk",
    "tenaga kontrak",
    "tenaga harian lepas",
    "pegawai tidak tetap",
    "tenaga kerja sukarela",
    "sukwan",
    "outsourcing",
    "alih daya",
)


@functools.lru_cache(maxsize=1024)
def is_not_asn(text: str) -> bool:
    """Whether a kind or status names staff who are no ASN (Honorer, Non PNS, THL…)."""
    return _says_any(f" {_key(text)} ", _NOT_ASN)


def _says_any(words: str, phrases: tuple[str, ...]) -> bool:
    """Whether `words` (a `_key` between spaces) holds one of the phrases as whole words."""
    return any(f" {phrase} " in words for phrase in phrases)


@functools.lru_cache(maxsize=1024)
def parse_employment_kind(text: str) -> str | None:
    """ "PNS" or "PPPK" (CPNS counts as PNS, P3K as PPPK); None when unknown or no ASN."""
    if is_not_asn(text):
        return None  # `Non PNS` is no PNS
    key = _key(text).replace(" ", "")
    if "pppk" in key or "p3k" in key or "perjanjiankerja" in key:
        return "PPPK"
    if "pns" in key or "pegawainegerisipil" in key:
        return "PNS"  # CPNS, PNS Daerah, PNS Pusat DPK…
    return None


# `ASN` in a kind column says what every row of the registry is: the NIP tells PNS from PPPK.
_ANY_ASN: Final = frozenset({"asn", "aparatur sipil negara", "pegawai asn"})


def says_only_asn(text: str) -> bool:
    """Whether a kind is only `ASN`, naming neither PNS nor PPPK."""
    return _key(text) in _ANY_ASN


@dataclass(frozen=True, slots=True)
class Standing:
    """Whether an ASN is serving (SIASN's KEDUDUKAN HUKUM) and, if not, why: the short
    reason stored as `ASN.inactive_reason`."""

    active: bool
    reason: str = ""


ACTIVE: Final = Standing(active=True)
#: Reasons stored for inactive ASN: registry data in Indonesian, not interface text.
RETIRED: Final = "Pensiun"
DIED: Final = "Meninggal dunia"
DISMISSED: Final = "Diberhentikan"
RESIGNED: Final = "Berhenti"
MOVED_OUT: Final = "Pindah instansi"
UNPAID_LEAVE: Final = "Cuti di luar tanggungan negara"
SUSPENDED: Final = "Diberhentikan sementara"
WAITING_PAY: Final = "Penerima uang tunggu"
INACTIVE: Final = "Tidak aktif"

# Phrases in the order they are tried, the specific before the general: `Masa Persiapan
# Pensiun` is no retirement, `Pemberhentian Sementara` no dismissal, `Tidak Aktif` not
# `Aktif`. Active are those still serving the region: on duty, on study assignment (tugas
# belajar: paid, keeps their post in the formation and returns to it) and in the year of
# preparation for retirement (MPP: still an ASN on full pay until the pension starts).
# Inactive are those who left (retired, died, dismissed, resigned, moved to another
# agency) and those whose service is suspended: unpaid leave (CLTN: relieved of their post,
# no pay, the time does not count as service), temporary dismissal (pemberhentian
# sementara: still an ASN, relieved of their post while a case runs) and waiting pay.
_STANDINGS: Final[tuple[tuple[tuple[str, ...], Standing], ...]] = (
    (("masa persiapan pensiun", "persiapan pensiun", "mpp"), ACTIVE),
    (
        ("pemberhentian sementara", "diberhentikan sementara", "berhenti sementara"),
        Standing(active=False, reason=SUSPENDED),
    ),
    (
        (
            "cltn",
            "cuti di luar tanggungan negara",
            "cuti diluar tanggungan negara",
            "cuti luar tanggungan negara",
        ),
        Standing(active=False, reason=UNPAID_LEAVE),
    ),
    (("uang tunggu",), Standing(active=False, reason=WAITING_PAY)),
    (
        ("meninggal", "meninggal dunia", "wafat", "almarhum", "almarhumah", "tewas"),
        Standing(active=False, reason=DIED),
    ),
    (
        ("pensiun", "purna tugas", "purnatugas", "purna bakti", "purnabakti"),
        Standing(active=False, reason=RETIRED),
    ),
    (
        (
            "mutasi keluar",
            "mutasi ke luar",
            "pindah instansi",
            "pindah keluar",
            "pindah ke luar",
            "pindah",
            "keluar",
        ),
        Standing(active=False, reason=MOVED_OUT),
    ),
    (
        ("diberhentikan", "pemberhentian", "dipecat", "pdh", "ptdh"),
        Standing(active=False, reason=DISMISSED),
    ),
    (
        ("berhenti", "mengundurkan diri", "pengunduran diri"),
        Standing(active=False, reason=RESIGNED),
    ),
    (
        ("tidak aktif", "tdk aktif", "non aktif", "nonaktif", "inaktif"),
        Standing(active=False, reason=INACTIVE),
    ),
    (("tugas belajar", "tubel"), ACTIVE),
    (("aktif", "aktif bekerja"), ACTIVE),
)


@functools.lru_cache(maxsize=1024)
def parse_standing(text: str) -> Standing | None:
    """Active or inactive with its reason, from the employment statuses of HR exports
    (Aktif, Pensiun, Meninggal, Mutasi Keluar, CLTN, Tugas Belajar…); None when unknown."""
    words = f" {_key(text)} "
    return next((standing for phrases, standing in _STANDINGS if _says_any(words, phrases)), None)


@functools.lru_cache(maxsize=1024)
def parse_position_kind(text: str) -> str | None:
    """struktural / fungsional / pelaksana from the many ways exports name them."""
    key = _key(text)
    words = set(key.split())
    if words & {"struktural", "pimpinan", "administrator", "pengawas", "eselon", "jpt"}:
        return "struktural"
    if words & {"pelaksana", "umum", "jfu"}:
        return "pelaksana"
    if words & {"fungsional", "jft", "jf", "tertentu"}:
        return "fungsional"
    return None


_TRUE: Final = {"ya", "y", "yes", "1", "true", "benar", "iya"}
_FALSE: Final = {"tidak", "t", "no", "n", "0", "false", "bukan", "tdk"}


@functools.lru_cache(maxsize=1024)
def parse_bool(text: str) -> bool | None:
    key = _key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


# Tokens that are front titles when they lead a name (compared without dots, any case).
FRONT_TITLES: Final = frozenset(
    {"prof", "dr", "drg", "drh", "ir", "h", "hj", "drs", "dra", "ns", "apt", "kh", "hc", "hm"}
)


# A degree written after the name with its dots (`S.H.`, `S.Pd`, `A.Md.Kep`, `Sp.PD`, `Ns.`):
# taken as a back title even without the comma before it. A lone initial (`Budi S.`) is not.
_BACK_TITLE = re.compile(r"^(?:[SMAB]\.[A-Za-z][A-Za-z.]*|(?:Sp|Ph|Ak)\.[A-Za-z.]*|Ns\.|Apt\.),?$")
# Front titles glued to the name: `dr.Rina`, `Ir.H.Ahmad`, `DR.H.MAULANA` in capitals.
_GLUED_FRONT = re.compile(r"^((?:[A-Za-z]{1,4}\.)+)([A-Z][A-Za-z]+)$")


def split_titles(full_name: str) -> tuple[str, str, str]:
    """(front titles, name, back titles) from `Dr. H. Ahmad Yani, S.Kom., M.Si`."""
    text = _SPACES.sub(" ", full_name).strip().strip(",")
    name_part, _, back = text.partition(",")
    tokens = _unglued(name_part.split(" "))
    front: list[str] = []
    while tokens and _is_front_title(tokens[0]):
        front.append(tokens.pop(0))  # all of them when no name follows: no name then
    trailing: list[str] = []
    while len(tokens) > 1 and _BACK_TITLE.match(tokens[-1]):
        trailing.insert(0, tokens.pop())
    back = back.strip().strip(",").strip()
    if trailing:
        back = ", ".join(part for part in (" ".join(trailing).rstrip(","), back) if part)
    return " ".join(front), " ".join(tokens).strip(), back


def _unglued(tokens: list[str]) -> list[str]:
    """`dr.Rina Sp.PD` -> `dr.` `Rina` `Sp.PD`: front titles typed without a space."""
    match = _GLUED_FRONT.match(tokens[0]) if tokens else None
    if match is None or not _is_front_title(match.group(1)):
        return tokens
    return [match.group(1), match.group(2), *tokens[1:]]


def _is_front_title(token: str) -> bool:
    if "." not in token:
        # "H" alone could be an initial; only unmistakable titles may drop the dot.
        return token.lower() in {"hj", "drs", "dra", "drg", "prof"}
    pieces = [piece.lower() for piece in token.split(".") if piece]
    return bool(pieces) and all(piece in FRONT_TITLES for piece in pieces)


# A NIP inside a NAMA / NIP cell, perhaps after its label (`NIP. 19860926 201505 1 001`):
# first as NIPs are written (18 digits, or grouped 8 6 1 3), else any run of digits grouped
# by single spaces, dots or dashes, so a NIP typed wrong still gets its precise reason.
_NIP_LABEL = r"(?:\b(?:NIP|NI\s*PPPK)\b\s*[.:]?\s*)?"
_NIP_SHAPED = re.compile(
    _NIP_LABEL + r"(?<!\d)(\d{8}[ .\-]?\d{6}[ .\-]?\d[ .\-]?\d{3})(?![\d])", re.IGNORECASE
)
_DIGIT_RUN = re.compile(_NIP_LABEL + r"(\d(?:[ .\-]?\d)*)", re.IGNORECASE)
_DIGIT_RUN_MIN: Final = 6  # fewer digits are part of the name
_NAME_EDGES: Final = " \t\r\n-\u2013\u2014/|,:;"
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")


def split_name_nip(text: str) -> tuple[str, str] | None:
    """(name, NIP as written) from a NAMA / NIP cell: the name (with its titles) and the NIP
    on two lines in either order, or `Name - NIP`, `Name (NIP)`, `NIP / Name` on one.

    The NIP is "" when the cell holds no number, the name "" when it holds nothing else;
    None when it holds several numbers that could each be the NIP.
    """
    found = list(_NIP_SHAPED.finditer(text)) or [
        match
        for match in _DIGIT_RUN.finditer(text)
        if sum(character.isdigit() for character in match.group(1)) >= _DIGIT_RUN_MIN
    ]
    if not found:
        return _name_part(text), ""
    if len(found) > 1:
        return None
    match = found[0]
    before, after = text[: match.start()], text[match.end() :]
    if any(character.isalpha() for character in before):
        name = before  # `Name - NIP`, or the name above the NIP (a wrapped title too)
    else:
        lines = [line for line in after.splitlines() if line.strip(_NAME_EDGES + "()[]")]
        name = lines[0] if lines else ""  # the NIP first; a line after the name is no name
    return _name_part(name), match.group(1)


def _name_part(text: str) -> str:
    """The name without what stood around the NIP: separators, `(` before it, `)` after."""
    name = " ".join(_EMPTY_BRACKETS.sub(" ", text).split())
    while True:
        trimmed = name.strip(_NAME_EDGES).rstrip("([").lstrip(")]")
        if trimmed == name:
            return name
        name = trimmed


def normalise_phone(value: Cell) -> str:
    """Digits with an optional leading +; restores the 0 Excel drops from `812…`."""
    text = cell_text(value)
    if not text or text in {"-", "0"}:
        return ""
    plus = text.startswith("+")
    digits = re.sub(r"\D", "", text)
    if not plus and digits.startswith("8") and 9 <= len(digits) <= 13:
        digits = "0" + digits
    return ("+" if plus else "") + digits


_PLACEHOLDERS: Final = frozenset(
    {"-", "--", "—", "_", "0", "NULL", "null", "N/A", "n/a"}
    # A database's "no date", and what Excel shows for a formula that failed.
    | {"0000-00-00", "00-00-0000", "00/00/0000", "0000-00-00 00:00:00"}
    | {"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!"}
)


def clean(text: str) -> str:
    """Blank for the placeholders clerks type into empty cells."""
    return "" if text in _PLACEHOLDERS else text
