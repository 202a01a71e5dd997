"""Turning one data row of an export into registry values, or a reason to refuse it.

No database: the unit matcher holds the region's units in memory. The work per
row is kept small because a national import has a million rows.
"""

import datetime
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from peduliham.people import reasons
from peduliham.people.grades import normalise_pns_rank, normalise_pppk_grade
from peduliham.people.importing.headers import ColumnMap, Field
from peduliham.people.importing.units import UnitMatcher
from peduliham.people.importing.values import (
    EXCEL_EPOCH,
    Cell,
    Standing,
    cell_text,
    clean,
    is_not_asn,
    month_first_reading,
    normalise_phone,
    parse_bool,
    parse_date,
    parse_employment_kind,
    parse_position_kind,
    parse_sex,
    parse_standing,
    says_only_asn,
    split_name_nip,
    split_titles,
)
from peduliham.people.nip import (
    NipKind,
    kind_by_digits,
    normalise_nip_text,
    parse_nip,
    quick_nip,
)
from peduliham.people.reasons import Reason

#: The registry fields a row digest covers, in digest order.
DIGEST_FIELDS: Final = (
    "name",
    "front_title",
    "back_title",
    "sex",
    "birth_date",
    "employment_kind",
    "rank",
    "position_name",
    "position_kind",
    "org_unit_id",
    "is_frontline",
    "email",
    "phone",
)
#: What a row says of an ASN when its file has no status: serving (a registry lists its staff).
ACTIVE_STATE: Final[dict[str, Any]] = {"is_active": True, "inactive_reason": ""}
#: Fields that come from optional columns: kept as they are when the column is absent.
OPTIONAL_FIELDS: Final = {
    Field.EMPLOYMENT_KIND: "employment_kind",
    Field.RANK: "rank",
    Field.POSITION_NAME: "position_name",
    Field.POSITION_KIND: "position_kind",
    Field.EMAIL: "email",
    Field.PHONE: "phone",
}
MAX_LENGTHS: Final = {
    "name": ("NAMA", 200),
    "front_title": ("GELAR DEPAN", 60),
    "back_title": ("GELAR BELAKANG", 120),
    "position_name": ("JABATAN", 200),
    "email": ("EMAIL", 254),
    "phone": ("NO HP", 30),
}
UNSAVED_UNIT: Final = -1  # a unit that a dry run would create


def row_digest(values: Mapping[str, Any]) -> str:
    """A short digest of the registry fields, equal whenever the stored record would be."""
    parts = []
    for name in DIGEST_FIELDS:
        value = values.get(name)
        if isinstance(value, bool):
            parts.append("1" if value else "0")
        elif isinstance(value, datetime.date):
            parts.append(value.isoformat())
        else:
            parts.append("" if value is None else str(value))
    text = "\x1f".join(parts) + _standing_part(
        values.get("is_active", True), values.get("inactive_reason") or ""
    )
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _standing_part(active: bool, reason: str) -> str:
    """Nothing for an active record, so the digests of active records stored before
    statuses were read still match; the reason for an inactive one."""
    return "" if active else f"\x1f0\x1f{reason}"


def record_digest(state: Mapping[str, Any]) -> str:
    """`row_digest` of a complete record (every DIGEST_FIELDS key, `is_active` and
    `inactive_reason`, text fields as str):
    the same result without the per-field type tests, for the million-row path."""
    birth = state["birth_date"]
    text = "\x1f".join(
        (
            state["name"],
            state["front_title"],
            state["back_title"],
            state["sex"],
            birth.isoformat() if birth is not None else "",
            state["employment_kind"],
            state["rank"],
            state["position_name"],
            state["position_kind"],
            str(state["org_unit_id"]),
            "1" if state["is_frontline"] else "0",
            state["email"],
            state["phone"],
        )
    )
    if not state["is_active"]:
        text += _standing_part(False, state["inactive_reason"])
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def nip_key(value: Cell) -> str:
    """The NIP as duplicate detection compares it."""
    return normalise_nip_text(cell_text(value))


def _without_titles(full: str, front: str, back: str) -> str:
    """The name of a row whose title columns are filled: as written, unless it is only
    titles (`Dr.`: then there is none) or repeats the titles of those columns."""
    if "." not in full and "," not in full:
        return full  # no title in it (the common case)
    name_front, name, name_back = split_titles(full)
    if not name:
        return ""
    if _title_key(name_front) in ("", _title_key(front)) and _title_key(name_back) in (
        "",
        _title_key(back),
    ):
        return name
    return full


def _title_key(titles: str) -> str:
    return "".join(character for character in titles.lower() if character.isalnum())


# Where RowReader puts the parts of a NAMA / NIP cell, counted from the padded row's end.
_NIP_PART: Final = -3
_NAME_PART: Final = -2


def _cell_lines(value: Cell) -> str:
    """A cell's text with its line breaks, which tell a name from the NIP under it."""
    return value if isinstance(value, str) else cell_text(value)


def name_nip_nip(value: Cell) -> str:
    """The NIP part of a NAMA / NIP cell as written: "" when it holds none, or several."""
    parts = split_name_nip(_cell_lines(value))
    return parts[1] if parts is not None else ""


@dataclass(slots=True)
class Rejection:
    number: int  # the row number; by sheet when several are read (readers.ROWS_PER_SHEET)
    nip_text: str
    code: str
    message: str
    message_en: str
    cells: list[str]
    sheet: str = ""  # the sheet's name when a workbook is read from several


@dataclass(slots=True)
class GoodRow:
    number: int
    nip: str
    values: dict[str, Any]
    cells: list[Cell]
    new_unit: str = ""  # a unit to create (create_units) before the row is written
    new_unit_parent: str = ""
    sheet: str = ""


class RowRejectedError(Exception):
    def __init__(self, reason: Reason, **params: Any) -> None:
        super().__init__(reason.code)
        self.reason = reason
        self.params = params


#: Caches of values that repeat across rows (names, e-mails, phones) are emptied at this
#: size, so memory stays bounded whatever the file size.
CACHE_LIMIT: Final = 50_000


def _bounded[K, V](cache: dict[K, V]) -> dict[K, V]:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    return cache


@dataclass(slots=True)
class RowReader:
    """Reads the rows of one file.

    Most columns repeat a few values (units, ranks, positions, birth dates), so what a
    cell means is remembered by the cell as it is in the file: a million rows cost a
    few dictionary look-ups each. Only values that pass are remembered; a refused
    value is worked out again each time, with its reason.
    """

    columns: ColumnMap
    matcher: UnitMatcher
    duplicates: Mapping[str, Sequence[int]] = field(default_factory=dict)
    create_units: bool = False
    today: datetime.date | None = None
    date_epoch: datetime.date = EXCEL_EPOCH  # day 0 of the file's date serial numbers
    row_label: Callable[[int], str] = str  # a row number as duplicates are named
    #: The header's cells in a delimited text file, and its separator: a refused row with
    #: filled cells beyond them had a separator inside a value (0: not a text file).
    header_width: int = 0
    separator: str = ""
    _at: dict[Field, int] = field(init=False)  # position in the padded row; -1: no column
    _width: int = field(init=False)
    _memo: dict[Field, dict[Any, Any]] = field(init=False)
    _name_nip: int = field(init=False)  # the NAMA / NIP column read for NIP or name; -1: none

    def __post_init__(self) -> None:
        index = self.columns.columns
        self._at = {field: index.get(field, -1) for field in Field}
        self._width = max(index.values(), default=-1) + 1
        self._memo = {field: {} for field in Field}
        self._name_nip = -1
        if self.columns.nip_in_name_nip or self.columns.name_in_name_nip:
            # The two parts of a NAMA / NIP cell are put after the padded row (_padded).
            self._name_nip = index[Field.NAME_NIP]
            if self.columns.nip_in_name_nip:
                self._at[Field.NIP] = _NIP_PART
            if self.columns.name_in_name_nip:
                self._at[Field.NAME] = _NAME_PART

    def read(self, number: int, cells: list[Cell]) -> GoodRow | Rejection:
        try:
            return self._read(number, cells)
        except RowRejectedError as problem:
            code = problem.reason.code
            indonesian, english = problem.reason.render(**problem.params)
            found = self._shifted_width(cells)
            if found:  # the reason then says why the values were wrong
                shifted = reasons.COLUMNS_SHIFTED
                where: dict[str, Any] = {"found": found, "expected": self.header_width}
                code = shifted.code
                where["separator"] = "tab" if self.separator == "\t" else self.separator
                indonesian = shifted.render(**where, reason=indonesian)[0]
                english = shifted.render(**where, reason=english)[1]
            return Rejection(
                number,
                self._nip_as_written(cells),
                code,
                indonesian,
                english,
                [cell_text(cell) for cell in cells],
            )

    def _shifted_width(self, cells: list[Cell]) -> int:
        """The cells a text row fills when it fills more than its header names: a separator
        typed inside a value (`Budi, S.Pd` unquoted) moved every cell after it; else 0."""
        width = self.header_width
        if not width or len(cells) <= width:
            return 0
        filled = [index for index, cell in enumerate(cells) if cell_text(cell)]
        return filled[-1] + 1 if filled and filled[-1] >= width else 0

    def _nip_as_written(self, cells: list[Cell]) -> str:
        if self.columns.nip_in_name_nip:
            raw = cells[self._name_nip] if self._name_nip < len(cells) else None
            return name_nip_nip(raw) or cell_text(raw)
        nip_at = self._at[Field.NIP]
        return cell_text(cells[nip_at]) if nip_at < len(cells) else ""

    def _padded(self, cells: list[Cell]) -> list[Cell]:
        """The cells with a blank for every missing column and one more at position -1;
        with a NAMA / NIP column, its NIP and name parts before that (at _NIP_PART and
        _NAME_PART)."""
        missing = self._width - len(cells)
        padded = [*cells, *([None] * (missing + 1))] if missing > 0 else [*cells, None]
        if self._name_nip >= 0:
            padded[-1:] = [*self._name_nip_parts(cells), None]
        return padded

    def _name_nip_parts(self, cells: list[Cell]) -> tuple[str, str]:
        raw = cells[self._name_nip] if self._name_nip < len(cells) else None
        parts = split_name_nip(_cell_lines(raw))
        if parts is None:
            raise RowRejectedError(reasons.NAME_NIP_UNSPLIT, value=cell_text(raw))
        name, nip = parts
        return nip, name

    def _read(self, number: int, cells: list[Cell]) -> GoodRow:
        row_cells = self._padded(cells)
        at, memo = self._at, self._memo
        kind, standing = self._kind_and_standing(row_cells)
        nip_text = cell_text(row_cells[at[Field.NIP]])
        quick = quick_nip(nip_text, kind, self.today) if self.today is not None else None
        nip_birth: datetime.date | None
        if quick is not None:
            digits, (nip_birth, nip_sex) = nip_text, quick
            nip_kind = kind or NipKind.PNS
        else:
            nip = parse_nip(nip_text, kind, today=self.today)
            if kind is None and not nip.ok and kind_by_digits(nip.digits) is NipKind.PPPK:
                # No kind in the file, and a PPPK number is no PNS NIP: read it as PPPK.
                kind = NipKind.PPPK
                nip = parse_nip(nip_text, kind, today=self.today)
            if not nip.ok:
                assert nip.reason is not None  # noqa: S101 - not ok means a reason
                if (
                    nip.reason is reasons.NIP_SERVICE_MONTH_INVALID
                    and kind_by_digits(nip.digits) is NipKind.PPPK
                ):
                    raise RowRejectedError(reasons.KIND_MISMATCH)  # the file says PNS
                raise RowRejectedError(nip.reason, **nip.params)
            digits, nip_birth, nip_sex, nip_kind = nip.digits, nip.birth_date, nip.sex, nip.kind
        if self.duplicates:
            rows = self.duplicates.get(digits)
            if rows:
                raise RowRejectedError(
                    reasons.DUPLICATE_NIP, rows=", ".join(map(self.row_label, rows))
                )
        values = self._names(row_cells)
        values["birth_date"] = nip_birth
        self._check_birth(row_cells[at[Field.BIRTH_DATE]], nip_birth)
        values["sex"] = self._sex(row_cells[at[Field.SEX]], nip_kind, nip_sex)
        if kind is not None:
            values["employment_kind"] = kind
        if standing is not None:
            values["is_active"], values["inactive_reason"] = standing.active, standing.reason
        if at[Field.RANK] >= 0:
            values["rank"] = self._rank(row_cells[at[Field.RANK]], kind)
        if at[Field.POSITION_NAME] >= 0:
            raw = row_cells[at[Field.POSITION_NAME]]
            cache = memo[Field.POSITION_NAME]
            position = cache.get(raw)
            if position is None:
                position = _bounded(cache)[raw] = clean(cell_text(raw))
            values["position_name"] = position
        if at[Field.POSITION_KIND] >= 0:
            values["position_kind"] = self._position_kind(row_cells[at[Field.POSITION_KIND]])
        if at[Field.EMAIL] >= 0:
            values["email"] = self._email(row_cells[at[Field.EMAIL]])
        if at[Field.PHONE] >= 0:
            raw = row_cells[at[Field.PHONE]]
            cache = memo[Field.PHONE]
            phone = cache.get(raw)
            if phone is None:
                phone = _bounded(cache)[raw] = normalise_phone(raw)
            values["phone"] = phone
        row = GoodRow(number, digits, values, cells)
        self._unit(row_cells, row)
        for name, (column, limit) in MAX_LENGTHS.items():
            value = values.get(name)
            if value and len(value) > limit:
                raise RowRejectedError(reasons.VALUE_TOO_LONG, column=column, limit=limit)
        return row

    def _kind_and_standing(self, cells: list[Cell]) -> tuple[NipKind | None, Standing | None]:
        """The kind and the status a row gives, each None when it gives none.

        The kind column (`STATUS PEGAWAI` in many exports) may hold a status instead of
        a kind (`Aktif`, `Pensiun`): the kind then comes from the NIP, as without the
        column. A status column (KEDUDUKAN HUKUM) says the status when both do.
        """
        at = self._at
        kind, standing = self._kind_or_standing(
            cells[at[Field.EMPLOYMENT_KIND]], Field.EMPLOYMENT_KIND
        )
        if at[Field.STATUS] >= 0:
            other_kind, other_standing = self._kind_or_standing(
                cells[at[Field.STATUS]], Field.STATUS
            )
            kind = kind or other_kind
            standing = other_standing or standing
        return kind, standing

    def _kind_or_standing(self, raw: Cell, column: Field) -> tuple[NipKind | None, Standing | None]:
        """What one cell of a kind or status column says: a kind (PNS, PPPK, CPNS, P3K…),
        a status (Aktif, Pensiun…), both (`PNS Aktif`), or nothing when blank."""
        cache = self._memo[column]
        found = cache.get(raw)
        if found is not None:
            return cast("tuple[NipKind | None, Standing | None]", found)
        text = clean(cell_text(raw))
        if not text:
            found = (None, None)
        elif is_not_asn(text):
            raise RowRejectedError(reasons.NOT_ASN, value=text)
        else:
            kind, standing = parse_employment_kind(text), parse_standing(text)
            if kind is None and standing is None and not says_only_asn(text):
                reason = (
                    reasons.BAD_STATUS if column is Field.STATUS else reasons.BAD_EMPLOYMENT_KIND
                )
                raise RowRejectedError(reason, value=text)
            found = (NipKind(kind) if kind else None, standing)
        _bounded(cache)[raw] = found
        return found

    def _names(self, cells: list[Cell]) -> dict[str, Any]:
        at = self._at
        key = (cells[at[Field.NAME]], cells[at[Field.FRONT_TITLE]], cells[at[Field.BACK_TITLE]])
        cache = self._memo[Field.NAME]
        parts = cache.get(key)
        if parts is None:
            full = cell_text(key[0])
            front = clean(cell_text(key[1]))
            back = clean(cell_text(key[2])).strip(",").strip()
            if front or back:
                parts = (front, _without_titles(full, front, back), back)
            else:  # no title columns, or both left blank with the titles typed in the name
                parts = split_titles(full)
            _bounded(cache)[key] = parts
        front, name, back = parts
        if not clean(name):
            raise RowRejectedError(reasons.NAME_MISSING)
        return {"name": name, "front_title": front, "back_title": back}

    def _check_birth(self, raw: Cell, nip_birth: datetime.date | None) -> None:
        """The birth date column, when filled, must be a date and the NIP's."""
        cache = self._memo[Field.BIRTH_DATE]
        if raw in cache:
            birth = cache[raw]
        else:
            birth_text = clean(cell_text(raw))
            if not birth_text:
                birth = cache[raw] = None  # blank: nothing to check
            else:
                birth = parse_date(raw, epoch=self.date_epoch)
                if birth is None:
                    raise RowRejectedError(reasons.BAD_BIRTH_DATE, value=birth_text)
                if type(raw) is str:  # True == 1 as a key, yet only 1 is a date serial
                    _bounded(cache)[raw] = birth
        if birth is not None and birth != nip_birth:
            if type(raw) is str and nip_birth is not None and month_first_reading(raw) == nip_birth:
                return  # `1/5/1990` from a US-locale Excel: the NIP says which reading it is
            raise RowRejectedError(
                reasons.BIRTH_DATE_MISMATCH,
                file=f"{birth:%d-%m-%Y}",
                nip=f"{nip_birth:%d-%m-%Y}" if nip_birth else "",
            )

    def _sex(self, raw: Cell, kind: NipKind, nip_sex: str) -> str:
        cache = self._memo[Field.SEX]
        sex = cache.get(raw)
        if sex is None:
            text = clean(cell_text(raw))
            if text:
                sex = parse_sex(text)
                if sex is None:
                    raise RowRejectedError(reasons.BAD_SEX, value=text)
            else:
                sex = ""
            _bounded(cache)[raw] = sex
        if not sex:
            return nip_sex
        if kind is NipKind.PNS and sex != nip_sex:
            raise RowRejectedError(reasons.SEX_MISMATCH, file=sex, nip=nip_sex)
        return cast("str", sex)

    def _rank(self, raw: Cell, kind: NipKind | None) -> str:
        cache = self._memo[Field.RANK]
        key = (raw, kind)
        rank = cache.get(key)
        if rank is not None:
            return cast("str", rank)
        text = clean(cell_text(raw))
        if not text:
            return ""
        if kind is NipKind.PPPK:
            rank = normalise_pppk_grade(text)
        elif kind is NipKind.PNS:
            rank = normalise_pns_rank(text)
        else:
            rank = normalise_pns_rank(text) or normalise_pppk_grade(text)
        if rank is None:
            raise RowRejectedError(reasons.BAD_RANK, kind=kind or "PNS/PPPK", value=text)
        _bounded(cache)[key] = rank
        return rank

    def _position_kind(self, raw: Cell) -> str:
        cache = self._memo[Field.POSITION_KIND]
        position_kind = cache.get(raw)
        if position_kind is None:
            text = clean(cell_text(raw))
            position_kind = parse_position_kind(text) if text else ""
            if position_kind is None:
                raise RowRejectedError(reasons.BAD_POSITION_KIND, value=text)
            _bounded(cache)[raw] = position_kind
        return cast("str", position_kind)

    def _email(self, raw: Cell) -> str:
        cache = self._memo[Field.EMAIL]
        email = cache.get(raw)
        if email is None:
            text = clean(cell_text(raw))
            if text:
                try:
                    validate_email(text)
                except ValidationError as exc:
                    raise RowRejectedError(reasons.BAD_EMAIL, value=text) from exc
            email = _bounded(cache)[raw] = text.lower()
        return cast("str", email)

    def _unit(self, cells: list[Cell], row: GoodRow) -> None:
        at = self._at
        key = (cells[at[Field.UNIT]], cells[at[Field.PARENT_UNIT]])
        cache = self._memo[Field.UNIT]
        found = cache.get(key)
        if found is None:
            name = clean(cell_text(key[0]))
            if not name:
                raise RowRejectedError(reasons.UNIT_MISSING)
            found = (name, clean(cell_text(key[1])))
            _bounded(cache)[key] = found
        name, parent = found
        match = self.matcher.match(name, parent)
        frontline = self._frontline(cells[at[Field.IS_FRONTLINE]])
        if match.unit is not None:
            row.values["org_unit_id"] = match.unit.id
            row.values["is_frontline"] = (
                match.unit.is_public_facing if frontline is None else frontline
            )
            return
        suggestions = ", ".join(match.suggestions) or "-"
        if match.problem == "ambiguous":
            raise RowRejectedError(reasons.UNIT_AMBIGUOUS, unit=name, suggestions=suggestions)
        if not self.create_units:
            raise RowRejectedError(reasons.UNIT_UNKNOWN, unit=name, suggestions=suggestions)
        row.new_unit, row.new_unit_parent = name, parent
        row.values["org_unit_id"] = UNSAVED_UNIT
        row.values["is_frontline"] = bool(frontline)

    def _frontline(self, raw: Cell) -> bool | None:
        cache = self._memo[Field.IS_FRONTLINE]
        if raw in cache:
            return cast("bool | None", cache[raw])
        text = cell_text(raw)
        if text in {"", "-"}:
            value = None
        else:
            value = parse_bool(text)
            if value is None:
                raise RowRejectedError(reasons.BAD_FRONTLINE, value=text)
        cache[raw] = value
        return value


@dataclass(slots=True)
class SheetsReader:
    """Reads a workbook read from several sheets: each sheet's rows by a RowReader of its
    own columns (a column that sheet lacks stays absent for its rows), all sharing one unit
    matcher; the sheet is told by the row number (readers.ROWS_PER_SHEET)."""

    readers: list[RowReader]
    names: tuple[str, ...]
    rows_per_sheet: int

    @property
    def matcher(self) -> UnitMatcher:
        return self.readers[0].matcher

    @property
    def create_units(self) -> bool:
        return self.readers[0].create_units

    def read(self, number: int, cells: list[Cell]) -> GoodRow | Rejection:
        index = number // self.rows_per_sheet
        row = self.readers[index].read(number, cells)
        row.sheet = self.names[index]
        return row
