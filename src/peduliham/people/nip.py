"""Parsing the NIP, the 18-digit civil-servant number, as people actually write it.

A PNS NIP is birth date `YYYYMMDD`, start of CPNS service `YYYYMM`, a sex
digit (1 male, 2 female) and a 3-digit sequence: `19860926 201505 1 001`.
An NI PPPK is also 18 digits but its layout is only partly known, so only
its length and birth date are checked (domain.md, Identifiers).

Pure: no database, no settings. Errors carry a stable code and both languages.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from peduliham.people import reasons
from peduliham.people.reasons import Reason

NIP_LENGTH = 18
NIK_LENGTH = 16  # the identity-card number, often typed where the NIP belongs
#: An NI PPPK has `21` where a PNS NIP has its month of service: `19920314 202221 2 001`.
PPPK_MARK = "21"
MIN_BIRTH_YEAR = 1900
MIN_SERVICE_AGE_MONTHS = 17 * 12

# What people put between the groups of a NIP (dashes of every width, as word processors
# turn them), Excel's text prefix, and the `="…"` formula that keeps a NIP as text in a CSV
# opened in Excel.
_SEPARATORS = re.compile(r"[\s.\-_/'`\u00a0\u2007\u202f\u2010-\u2015\u2212=\"]+")
# `NIP. 19860926 …`, `NI PPPK: …`: the label typed before the number.
_LABEL = re.compile(r"^(?:NIP|NI\s*PPPK)\b\s*[.:]?", re.IGNORECASE)
# `1.98609E+17`, `1,98609262015051E+17`: a number Excel showed in scientific notation.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")
_NOT_DIGITS = re.compile(r"[^0-9]+")
# `198609262015051000.0`: a number that went through a float.
_FLOAT_TAIL = re.compile(r"^\d{15,19}[.,]0+$")


class NipKind(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


@dataclass(frozen=True, slots=True)
class NipResult:
    """The parts of a NIP, or why it is invalid (`ok` False, `reason` set)."""

    text: str
    digits: str = ""
    kind: NipKind = NipKind.PNS
    birth_date: datetime.date | None = None
    service_start: tuple[int, int] | None = None
    sex: str = ""  # "L" (laki-laki) or "P" (perempuan); "" when unknown
    sequence: str = ""
    reason: Reason | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.reason is None

    @property
    def error_code(self) -> str:
        return self.reason.code if self.reason else ""

    @property
    def message(self) -> str:
        """Why the NIP is invalid, in Indonesian ("" when valid)."""
        return self.reason.render(**self.params)[0] if self.reason else ""

    @property
    def message_en(self) -> str:
        return self.reason.render(**self.params)[1] if self.reason else ""

    @property
    def formatted(self) -> str:
        """The official spaced form, `19860926 201505 1 001` (digits as they are for PPPK)."""
        if not self.ok or self.kind is NipKind.PPPK:
            return self.digits
        d = self.digits
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


def normalise_nip_text(text: str) -> str:
    """The NIP without separators or label; the same for every way of writing one NIP."""
    return _SEPARATORS.sub("", _LABEL.sub("", text.strip()))


def parse_nip(
    text: str,
    kind: NipKind | str | None = None,
    *,
    today: datetime.date | None = None,
) -> NipResult:
    """Parse a NIP written in any common way; `kind` comes from the file's employment column.

    Without a kind the PNS rules apply. Error codes: nip_empty, nip_not_digits,
    nip_wrong_length, nip_excel_mangled, nip_birth_date_invalid,
    nip_service_month_invalid, nip_service_in_future, nip_service_too_early,
    nip_sex_digit_invalid.
    """
    nip_kind = NipKind(kind) if kind else NipKind.PNS
    today = today or datetime.datetime.now(tz=datetime.UTC).date()
    stripped = text.strip()

    def fail(reason: Reason, digits: str = "", **params: Any) -> NipResult:
        return NipResult(stripped, digits=digits, kind=nip_kind, reason=reason, params=params)

    if len(stripped) == NIP_LENGTH and stripped.isascii() and stripped.isdigit():
        digits = stripped  # the usual case: none of the checks below can fail
    else:
        if not stripped:
            return fail(reasons.NIP_EMPTY)
        if _SCIENTIFIC.match(stripped) or _FLOAT_TAIL.match(stripped):
            return fail(reasons.NIP_EXCEL_MANGLED)
        digits = normalise_nip_text(stripped)
        if not digits.isascii() or not digits.isdigit():
            reason, params = _not_digits(digits)
            return fail(reason, **params)
        if len(digits) == NIK_LENGTH:
            return fail(reasons.NIP_WRONG_LENGTH_NIK, digits)
        if len(digits) != NIP_LENGTH:
            return fail(reasons.NIP_WRONG_LENGTH, digits, length=len(digits))
    if digits.endswith("000"):
        # Excel keeps 15 significant digits; a sequence of 000 is never issued.
        return fail(reasons.NIP_EXCEL_MANGLED, digits)
    birth = _date_or_none(digits[:8])
    if birth is None or birth.year < MIN_BIRTH_YEAR or birth > today:
        return fail(reasons.NIP_BIRTH_DATE_INVALID, digits, value=digits[:8])
    if nip_kind is NipKind.PPPK:
        sex = {"1": "L", "2": "P"}.get(digits[14], "")
        return NipResult(stripped, digits, nip_kind, birth, None, sex, digits[15:])
    return _parse_pns_tail(stripped, digits, birth, today)


def _parse_pns_tail(
    text: str, digits: str, birth: datetime.date, today: datetime.date
) -> NipResult:
    year, month = int(digits[8:12]), int(digits[12:14])
    shown = f"{digits[8:12]}-{digits[12:14]}"

    def fail(reason: Reason, **params: Any) -> NipResult:
        return NipResult(text, digits=digits, reason=reason, params=params)

    if not 1 <= month <= 12:
        return fail(reasons.NIP_SERVICE_MONTH_INVALID, value=digits[12:14])
    if (year, month) > (today.year, today.month):
        return fail(reasons.NIP_SERVICE_IN_FUTURE, value=shown)
    if (year * 12 + month) - (birth.year * 12 + birth.month) < MIN_SERVICE_AGE_MONTHS:
        return fail(reasons.NIP_SERVICE_TOO_EARLY, value=shown)
    if digits[14] not in "12":
        return fail(reasons.NIP_SEX_DIGIT_INVALID, value=digits[14])
    sex = "L" if digits[14] == "1" else "P"
    return NipResult(text, digits, NipKind.PNS, birth, (year, month), sex, digits[15:])


def _not_digits(cleaned: str) -> tuple[Reason, dict[str, str]]:
    """nip_not_digits, showing what stands among the digits (a letter O for a zero, a
    note): easy to miss when reading the NIP again. A text without digits is no NIP."""
    if not any("0" <= character <= "9" for character in cleaned):
        return reasons.NIP_NOT_DIGITS, {}
    shown = ", ".join(f"'{other}'" for other in _NOT_DIGITS.findall(cleaned))
    return reasons.NIP_NOT_DIGITS_SHOWN, {"value": shown}


def kind_by_digits(digits: str) -> NipKind:
    """PPPK for a number with the PPPK mark where the month of service would be, else PNS:
    for rows whose file does not say which kind they are."""
    return NipKind.PPPK if digits[12:14] == PPPK_MARK else NipKind.PNS


def quick_nip(
    text: str, kind: NipKind | None, today: datetime.date
) -> tuple[datetime.date, str] | None:
    """(birth date, sex) of a NIP written as plain 18 digits and valid; None for anything
    else, which `parse_nip` then explains. The same rules as `parse_nip`, with no
    allocation beyond the result, for the million-row import."""
    if len(text) != NIP_LENGTH or not text.isascii() or not text.isdigit():
        return None
    if text.endswith("000"):
        return None
    birth = _date_or_none(text[:8])
    if birth is None or birth.year < MIN_BIRTH_YEAR or birth > today:
        return None
    sex_digit = text[14]
    if kind is NipKind.PPPK:
        return birth, "L" if sex_digit == "1" else "P" if sex_digit == "2" else ""
    month = int(text[12:14])
    service = int(text[8:12]) * 12 + month
    if (
        not 1 <= month <= 12
        or service > today.year * 12 + today.month
        or service - (birth.year * 12 + birth.month) < MIN_SERVICE_AGE_MONTHS
    ):
        return None
    if sex_digit == "1":
        return birth, "L"
    if sex_digit == "2":
        return birth, "P"
    return None


@functools.lru_cache(maxsize=65536)
def _date_or_none(yyyymmdd: str) -> datetime.date | None:
    try:
        return datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
