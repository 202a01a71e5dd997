"""Importing a region's ASN registry from an HR export: an idempotent upsert by NIP.

Every data row ends as exactly one of created, updated, unchanged or rejected.
Work is done in batches, each in one transaction together with the job's
checkpoint, so a run that dies is resumed by running it again with the same
file: committed batches are skipped and the end state is the same.

Shaped for a million rows (docs/benchmarks.md): the file is streamed twice (a
scan that counts rows and finds repeated NIPs, then the import), never held
whole. The region's stored (NIP, row digest) pairs are loaded once as sorted
integer arrays, so an unchanged row costs no query; new rows go to PostgreSQL
by COPY and changed rows by COPY into a temporary table and one UPDATE (plain
executemany on SQLite). A reader thread parses the next batches while the
database writes the current one.
"""

import bisect
import csv
import hashlib
import io
import itertools
import operator
from array import array
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import scope_for
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people import reasons
from peduliham.people.headcounts import refresh_headcounts
from peduliham.people.importing.errors import ImportFileError
from peduliham.people.importing.headers import ColumnMap, Field
from peduliham.people.importing.prefetch import prefetched
from peduliham.people.importing.readers import ROWS_PER_SHEET, Table, open_table, sheet_row
from peduliham.people.importing.report import (
    ErrorReportWriter,
    open_report,
    write_error_report,
)
from peduliham.people.importing.rows import (
    ACTIVE_STATE,
    DIGEST_FIELDS,
    UNSAVED_UNIT,
    GoodRow,
    Rejection,
    RowReader,
    SheetsReader,
    name_nip_nip,
    nip_key,
    record_digest,
    row_digest,
)
from peduliham.people.importing.units import KnownUnit, UnitMatcher, unit_key
from peduliham.people.importing.values import Cell, cell_text
from peduliham.people.models import ASN, ImportJob, ImportRejection, ImportStatus, Transfer
from peduliham.people.nip import NIP_LENGTH
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.regions.services import create_org_unit

type ProgressCallback = Callable[[int, int], None]
type Batch = list[tuple[int, list[Cell]]]
type Reader = RowReader | SheetsReader

DEFAULT_BATCH_SIZE: Final = 10000
_INT64_LIMIT: Final = 2**63
NEW_RECORD_DEFAULTS: Final[dict[str, Any]] = {
    **ACTIVE_STATE,
    "employment_kind": "PNS",
    "rank": "",
    "position_name": "",
    "position_kind": "",
    "email": "",
    "phone": "",
}
# Columns written by the set-based INSERT and UPDATE (DIGEST_FIELDS are column names too).
WRITE_COLUMNS: Final = (*DIGEST_FIELDS, "region_id", "is_active", "inactive_reason", "row_digest")
IMPORT_ROLES: Final = frozenset({Role.NATIONAL_ADMIN, Role.PEMDA_ADMIN})


@dataclass(frozen=True, slots=True)
class ImportSummary:
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors_file: str | None
    units_created: int = 0
    skipped: int = 0  # lines that hold no ASN (repeated headers, totals), not in `rows`
    sheets: tuple[str, ...] = ()  # the worksheets read, for a workbook
    job_id: int | None = None
    dry_run: bool = False
    resumed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    units_created: int = 0

    def add(self, other: "Counts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.units_created += other.units_created


@dataclass(slots=True)
class BatchPlan:
    """What one batch will write."""

    counts: Counts = field(default_factory=Counts)
    new: list[tuple[Any, ...]] = field(default_factory=list)  # INSERT_SQL parameters
    changed: list[tuple[Any, ...]] = field(default_factory=list)  # UPDATE_SQL parameters
    transfers: list[Transfer] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    units_to_create: set[str] = field(default_factory=set)  # dry runs only


def import_asn(
    actor: Any,
    *,
    path: Path | str,
    region: Region,
    dry_run: bool = False,
    create_units: bool = False,
    errors_path: Path | str | None = None,
    progress: ProgressCallback | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ImportSummary:
    """Import a registry file into `region`; errors: permission_denied, region_closed,
    file_unreadable, empty_file, missing_column."""
    _check_allowed(actor, region)
    source = Path(path)
    table = open_table(source)
    total, duplicates = _scan(table)
    if total == 0:
        raise ImportFileError(_("Berkas tidak berisi baris data ASN"), code="empty_file")
    reader = _reader(table, _load_matcher(region), duplicates, create_units=create_units)
    report = Path(errors_path) if errors_path is not None else None
    if dry_run:
        index = RegionIndex.load(region)
        return _dry_run(region, table, reader, index, total, report, progress, batch_size)
    job, resumed = _start_job(actor, region, source, table, total, create_units)
    index = RegionIndex.load(region)
    counts = _run_batches(actor, job, region, table, reader, index, progress, batch_size)
    _finish_job(actor, job, region, counts, table.sheet_names)
    if report is not None:
        write_error_report(job, report)
    return ImportSummary(
        rows=total,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        rejected=counts.rejected,
        units_created=counts.units_created,
        skipped=table.skipped,
        sheets=table.sheet_names,
        errors_file=str(report) if report is not None else None,
        job_id=job.pk,
        resumed=resumed,
    )


def _reader(
    table: Table, matcher: UnitMatcher, duplicates: dict[str, list[int]], *, create_units: bool
) -> Reader:
    """A RowReader for the file's columns; one per sheet when several sheets are read."""

    def reader(columns: ColumnMap) -> RowReader:
        return RowReader(
            columns,
            matcher,
            duplicates,
            create_units=create_units,
            today=timezone.localdate(),
            date_epoch=table.date_epoch,
            row_label=table.row_label,
            header_width=len(table.headers) if table.delimiter else 0,
            separator=table.delimiter,
        )

    if not table.several_sheets:
        return reader(table.columns)
    readers = [reader(columns) for columns in table.sheet_columns()]
    return SheetsReader(readers, table.sheet_names, ROWS_PER_SHEET)


def _check_allowed(actor: Any, region: Region) -> None:
    if actor is not None and (
        actor.role not in IMPORT_ROLES or not scope_for(actor).contains_region(region)
    ):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor ASN wilayah ini."))
    if not region.is_open:
        raise DomainError(_("Wilayah ini sudah tidak berlaku."), code="region_closed")


def _scan(table: Table) -> tuple[int, dict[str, list[int]]]:
    """Count the data rows and find NIPs written more than once (all their row numbers).

    NIPs are kept as 8-byte integers beside their row numbers and sorted once to find
    the repeated ones: 16 bytes a row, where a dictionary would take over 100.
    """
    nips, numbers = array("q"), array("q")
    other_first: dict[str, int] = {}  # keys that are not numbers below 2**63
    duplicates: dict[str, list[int]] = {}
    total = 0
    nip_column = table.columns.columns[Field.NIP]
    in_name_nip = table.columns.nip_in_name_nip
    for number, cells in table.rows():
        total += 1
        cell = cells[nip_column] if nip_column < len(cells) else ""
        if in_name_nip:
            cell = name_nip_nip(cell)
        if type(cell) is str and len(cell) == NIP_LENGTH and cell.isascii() and cell.isdigit():
            nips.append(int(cell))  # the usual case, already as nip_key would give it
            numbers.append(number)
            continue
        key = nip_key(cell)
        if not key:
            continue
        if key.isascii() and key.isdigit() and int(key) < _INT64_LIMIT:
            nips.append(int(key))
            numbers.append(number)
            continue
        seen = other_first.setdefault(key, number)
        if seen != number:
            duplicates.setdefault(key, [seen]).append(number)
    repeated = _repeated(nips)
    if repeated:
        for nip, number in zip(nips, numbers, strict=True):
            if nip in repeated:
                duplicates.setdefault(str(nip), []).append(number)
    return total, duplicates


def _repeated(values: "array[int]") -> set[int]:
    ordered = sorted(values)
    return {first for first, second in itertools.pairwise(ordered) if first == second}


@dataclass(slots=True)
class RegionIndex:
    """The digests of the region's active records by NIP, loaded once per import.

    An active row whose digest equals the stored one is unchanged without a query;
    new and changed rows, and rows of inactive ASN (a status column says so), are
    looked up, and compared with the stored status as well as the digest. NIPs and
    digests are kept in two sorted arrays of 8-byte integers (16 MB for a million
    records) and found by bisection.
    """

    nips: "array[int]"
    digests: "array[int]"
    # Whether a NIP missing from `nips` may still be stored: in another region,
    # inactive, or without a digest. When not, a missing NIP is a new record.
    others: bool

    @classmethod
    def load(cls, region: Region) -> "RegionIndex":
        nips, digests = array("q"), array("Q")
        others = ASN.objects.exclude(region=region, is_active=True).exists()
        records = (
            ASN.objects.filter(region=region, is_active=True)
            .order_by("nip")
            .values_list("nip", "row_digest")
        )
        ordered = True
        for nip, digest in records.iterator(chunk_size=20_000):
            if not (nip.isascii() and nip.isdigit() and len(nip) == NIP_LENGTH) or not digest:
                others = True  # looked up in the database when a row names it
                continue
            value = int(nip)
            if nips and value <= nips[-1]:
                ordered = False  # a collation that does not sort digits as numbers
            nips.append(value)
            digests.append(int(digest, 16))
        if not ordered:
            order = sorted(range(len(nips)), key=nips.__getitem__)
            nips = array("q", (nips[at] for at in order))
            digests = array("Q", (digests[at] for at in order))
        return cls(nips, digests, others)

    def digest(self, nip: int) -> int | None:
        """The stored digest of an active record of the region with this NIP."""
        at = bisect.bisect_left(self.nips, nip)
        if at < len(self.nips) and self.nips[at] == nip:
            return self.digests[at]
        return None


def _load_matcher(region: Region) -> UnitMatcher:
    units = OrgUnit.objects.filter(region=region, is_active=True).values_list(
        "id", "name", "short_name", "parent_id", "is_public_facing"
    )
    return UnitMatcher((KnownUnit(*unit) for unit in units), region.name)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _start_job(
    actor: Any, region: Region, path: Path, table: Table, total: int, create_units: bool
) -> tuple[ImportJob, bool]:
    """The interrupted job of the same file to resume, or a new one."""
    sha256 = _file_sha256(path)
    unfinished = (
        ImportJob.objects.filter(
            region=region,
            file_sha256=sha256,
            create_units=create_units,
            status__in=[ImportStatus.RUNNING, ImportStatus.FAILED],
        )
        .order_by("-started_at", "-id")
        .first()
    )
    if unfinished is not None:
        unfinished.status = ImportStatus.RUNNING
        unfinished.error = ""
        # A job queued by the upload page (people.tasks) has no row count or headers yet.
        unfinished.total_rows, unfinished.headers = total, table.headers
        unfinished.skipped = table.skipped
        unfinished.save(update_fields=["status", "error", "total_rows", "headers", "skipped"])
        return unfinished, True
    job = ImportJob.objects.create(
        region=region,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        file_name=path.name[:255],
        file_sha256=sha256,
        headers=table.headers,
        create_units=create_units,
        total_rows=total,
        skipped=table.skipped,
    )
    return job, False


def _batches(rows: Iterator[tuple[int, list[Cell]]], size: int, skip: int) -> Iterator[Batch]:
    rest = itertools.islice(rows, skip, None)
    while batch := list(itertools.islice(rest, size)):
        yield batch


@dataclass(slots=True)
class ParsedBatch:
    """One batch read, checked and compared with the stored digests.

    `new` holds the INSERT rows of records certainly new, `unchanged` counts rows equal
    to their stored record; `pending` are the rows that need the database: a differing
    digest, a NIP perhaps stored elsewhere, or a unit still to be created.
    """

    size: int
    now: str  # created_at / updated_at of what the batch writes, adapted for the database
    rejections: list[Rejection] = field(default_factory=list)
    new: list[tuple[Any, ...]] = field(default_factory=list)
    unchanged: int = 0
    pending: list[GoodRow] = field(default_factory=list)


def _parse(
    reader: Reader, index: RegionIndex, region_id: int, batch: Batch, now: str
) -> ParsedBatch:
    """Everything about a batch that needs no database, so it can run in the reader thread."""
    parsed = ParsedBatch(len(batch), now)
    stored, others = index.digest, index.others
    for number, cells in batch:
        row = reader.read(number, cells)
        if not isinstance(row, GoodRow):
            parsed.rejections.append(row)
            continue
        if row.new_unit:
            parsed.pending.append(row)
            continue
        state = {**NEW_RECORD_DEFAULTS, **row.values}
        digest = record_digest(state)
        known = stored(int(row.nip))
        if known is None and not others:
            parsed.new.append((*_columns(state, region_id, digest), now, now, row.nip))
        elif known == int(digest, 16) and state["is_active"]:
            parsed.unchanged += 1
        else:
            parsed.pending.append(row)
    return parsed


def _parsed_batches(
    table: Table, reader: Reader, index: RegionIndex, region: Region, size: int, skip: int
) -> Iterator[ParsedBatch]:
    """The file's batches, parsed. Parsing runs ahead in a thread unless units are
    created on the way (creating one changes what the reader matches against)."""
    ops = connection.ops  # this thread's: the reader thread must not open a connection

    def parse(batch: Batch) -> ParsedBatch:
        now = str(ops.adapt_datetimefield_value(timezone.now()))
        return _parse(reader, index, region.pk, batch, now)

    parsed = (parse(batch) for batch in _batches(table.rows(), size, skip))
    return parsed if reader.create_units else prefetched(parsed)


def _run_batches(
    actor: Any,
    job: ImportJob,
    region: Region,
    table: Table,
    reader: Reader,
    index: RegionIndex,
    progress: ProgressCallback | None,
    batch_size: int,
) -> Counts:
    counts = Counts(job.created, job.updated, job.unchanged, job.rejected, job.units_created)
    _tune_connection()
    if progress is not None:
        progress(job.rows_done, job.total_rows)
    try:
        for parsed in _parsed_batches(table, reader, index, region, batch_size, job.rows_done):
            with transaction.atomic():
                plan = _plan_batch(actor, job, region, reader, index, parsed, dry_run=False)
                _apply_batch(job, plan)
                counts.add(plan.counts)
                _checkpoint(job, counts, parsed.size)
            if progress is not None:
                progress(job.rows_done, job.total_rows)
    except BaseException as exc:  # a kill (KeyboardInterrupt) is recorded too
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    return counts


SQLITE_IMPORT_CACHE_KIB: Final = 64 * 1024


def _tune_connection() -> None:
    """Give SQLite a page cache that holds the NIP index of a large registry (the
    default 2 MB makes every insert into a million-row index a read from disk)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")


def _checkpoint(job: ImportJob, counts: Counts, rows: int) -> None:
    job.rows_done += rows
    job.created, job.updated, job.unchanged = counts.created, counts.updated, counts.unchanged
    job.rejected, job.units_created = counts.rejected, counts.units_created
    job.save(
        update_fields=[
            "rows_done",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "units_created",
        ]
    )


#: Rows written after which PostgreSQL's planner statistics are refreshed at once: a region's
#: first load otherwise leaves selections and dashboards planning for an empty table until
#: autovacuum comes by (a 20,000-seat selection measured 4.4 s before, 1.0 s after).
ANALYZE_AFTER_ROWS = 1_000


def _refresh_statistics(counts: Counts) -> None:
    if connection.vendor == "postgresql" and counts.created + counts.updated >= ANALYZE_AFTER_ROWS:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(ASN._meta.db_table)}")


def several_sheets(sheets: tuple[str, ...]) -> list[str]:
    """The sheets to name to the clerk (job page, audit, command summary): none for a file
    of one table."""
    return list(sheets) if len(sheets) > 1 else []


def _finish_job(
    actor: Any, job: ImportJob, region: Region, counts: Counts, sheets: tuple[str, ...]
) -> None:
    _refresh_statistics(counts)
    with transaction.atomic():
        job.status = ImportStatus.DONE
        job.finished_at = timezone.now()
        job.sheets = several_sheets(sheets)
        job.save(update_fields=["status", "finished_at", "sheets"])
        refresh_headcounts([region.pk])
        log_action(
            actor,
            "peduliham.asn.imported",
            job,
            region_code=region.code,
            changes={
                "file": job.file_name,
                "sha256": job.file_sha256,
                "rows": job.total_rows,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "rejected": counts.rejected,
                "units_created": counts.units_created,
                "skipped": job.skipped,
                **({"sheets": job.sheets} if job.sheets else {}),
            },
        )


def _dry_run(
    region: Region,
    table: Table,
    reader: Reader,
    index: RegionIndex,
    total: int,
    report: Path | None,
    progress: ProgressCallback | None,
    batch_size: int,
) -> ImportSummary:
    """Everything an import would do, written nowhere but the error report."""
    counts = Counts()
    would_create: set[str] = set()
    handle = open_report(report) if report is not None else None
    try:
        writer = (
            ErrorReportWriter(handle, table.headers, sheets=table.several_sheets)
            if handle is not None
            else None
        )
        done = 0
        for parsed in _parsed_batches(table, reader, index, region, batch_size, 0):
            plan = _plan_batch(None, None, region, reader, index, parsed, dry_run=True)
            counts.add(plan.counts)
            would_create.update(plan.units_to_create)
            if writer is not None:
                for rejection in plan.rejections:  # in file order (_plan_batch)
                    writer.write(rejection)
            done += parsed.size
            if progress is not None:
                progress(done, total)
    finally:
        if handle is not None:
            handle.close()
    return ImportSummary(
        rows=total,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        rejected=counts.rejected,
        units_created=len(would_create),
        skipped=table.skipped,
        sheets=table.sheet_names,
        errors_file=str(report) if report is not None else None,
        dry_run=True,
    )


def _plan_batch(
    actor: Any,
    job: ImportJob | None,
    region: Region,
    reader: Reader,
    index: RegionIndex,
    parsed: ParsedBatch,
    *,
    dry_run: bool,
) -> BatchPlan:
    plan = BatchPlan(rejections=parsed.rejections, new=parsed.new)
    plan.counts.created, plan.counts.unchanged = len(parsed.new), parsed.unchanged
    pending, now = parsed.pending, parsed.now
    if dry_run:
        plan.units_to_create.update(
            unit_key(row.new_unit, region.name) for row in pending if row.new_unit
        )
    else:
        pending = _create_units(actor, region, reader.matcher, pending, plan)
    looked_up: list[GoodRow] = []
    for row in pending:
        if not row.new_unit or dry_run:
            looked_up.append(row)
            continue
        # A unit created just now: compared with the stored digests like the rest.
        state = {**NEW_RECORD_DEFAULTS, **row.values}
        digest = record_digest(state)
        known = index.digest(int(row.nip))
        if known is None and not index.others:
            plan.new.append((*_columns(state, region.pk, digest), now, now, row.nip))
            plan.counts.created += 1
        elif known == int(digest, 16) and state["is_active"]:
            plan.counts.unchanged += 1
        else:
            looked_up.append(row)
    if looked_up:
        existing = _existing([row.nip for row in looked_up])
        today = timezone.localdate()
        for row in looked_up:
            _classify(row, existing.get(row.nip), region, job, plan, today, now)
    # Rows refused on the way come after those refused when read: back in file order.
    plan.rejections.sort(key=operator.attrgetter("number"))
    plan.counts.rejected = len(plan.rejections)
    return plan


def _existing(nips: list[str]) -> dict[str, dict[str, Any]]:
    if not nips:
        return {}
    found = ASN.objects.filter(nip__in=nips).values(
        "id", "nip", "region_id", "is_active", "inactive_reason", "row_digest", *DIGEST_FIELDS
    )
    return {record["nip"]: record for record in found}


def _classify(
    row: GoodRow,
    found: dict[str, Any] | None,
    region: Region,
    job: ImportJob | None,
    plan: BatchPlan,
    today: Any,
    now: Any,
) -> None:
    if found is None:
        state = {**NEW_RECORD_DEFAULTS, **row.values}
        plan.new.append((*_columns(state, region.pk, row_digest(state)), now, now, row.nip))
        plan.counts.created += 1
        return
    elsewhere = found["region_id"] != region.pk
    if elsewhere and (found["is_active"] or not row.values.get("is_active", True)):
        # Only an ASN serving here moves a record from another region (a transfer in); one
        # who left (Mutasi Keluar, Pensiun) is no reason to take a record from its region.
        other = Region.objects.filter(pk=found["region_id"]).first()
        reason = (
            reasons.NIP_IN_OTHER_REGION if found["is_active"] else reasons.NIP_LEFT_FOR_OTHER_REGION
        )
        indonesian, english = reason.render(region=str(other))
        plan.rejections.append(_rejection(row, reason.code, indonesian, english))
        return
    state = {name: found[name] for name in DIGEST_FIELDS}
    # Named in a file without a status, an ASN is serving: an inactive one is reactivated.
    state.update(ACTIVE_STATE)
    state.update(row.values)
    digest = row_digest(state)
    if (
        digest == found["row_digest"]
        and found["is_active"] == state["is_active"]
        and found["inactive_reason"] == state["inactive_reason"]
        and found["region_id"] == region.pk
    ):
        plan.counts.unchanged += 1
        return
    plan.changed.append((*_columns(state, region.pk, digest), now, found["id"]))
    plan.counts.updated += 1
    if state["org_unit_id"] != found["org_unit_id"] and state["org_unit_id"] != UNSAVED_UNIT:
        plan.transfers.append(
            Transfer(
                asn_id=found["id"],
                from_unit_id=found["org_unit_id"],
                to_unit_id=state["org_unit_id"],
                effective_date=today,
                source=job,
            )
        )


def _rejection(row: GoodRow, code: str, indonesian: str, english: str) -> Rejection:
    cells = [cell_text(cell) for cell in row.cells]
    return Rejection(row.number, row.nip, code, indonesian, english, cells, row.sheet)


def _create_units(
    actor: Any, region: Region, matcher: UnitMatcher, rows: list[GoodRow], plan: BatchPlan
) -> list[GoodRow]:
    """Create the units the rows name but the region lacks (create_units); rows whose
    unit cannot be created are rejected."""
    kept: list[GoodRow] = []
    failures: dict[tuple[str, str], str] = {}
    for row in rows:
        if not row.new_unit:
            kept.append(row)
            continue
        key = (row.new_unit, row.new_unit_parent)
        match = matcher.match(*key)
        if match.unit is None and key not in failures:
            try:
                unit = _create_unit(actor, region, matcher, *key)
            except DomainError as exc:
                failures[key] = str(exc.message)
            else:
                plan.counts.units_created += 1
                match = matcher.match(*key)
                assert match.unit is not None  # noqa: S101 - the unit was just added
                assert match.unit.id == unit.pk  # noqa: S101
        if match.unit is None:
            indonesian, english = reasons.UNIT_NOT_CREATED.render(
                unit=row.new_unit, error=failures.get(key, "")
            )
            plan.rejections.append(
                _rejection(row, reasons.UNIT_NOT_CREATED.code, indonesian, english)
            )
            continue
        row.values["org_unit_id"] = match.unit.id
        kept.append(row)
    return kept


def _create_unit(
    actor: Any, region: Region, matcher: UnitMatcher, name: str, parent_name: str
) -> OrgUnit:
    parent_match = matcher.match(parent_name) if parent_name else None
    parent = (
        OrgUnit.objects.get(pk=parent_match.unit.id)
        if parent_match is not None and parent_match.unit is not None
        else None
    )
    kind = UnitKind.SERVICE_UNIT if parent is not None else UnitKind.OPD
    unit = create_org_unit(actor, region=region, name=name, kind=kind, parent=parent)
    matcher.add(
        KnownUnit(unit.pk, unit.name, unit.short_name, unit.parent_id, unit.is_public_facing)
    )
    return unit


_DIGEST_VALUES: Final = operator.itemgetter(*DIGEST_FIELDS)
_BIRTH_AT: Final = DIGEST_FIELDS.index("birth_date")


def _columns(state: dict[str, Any], region_id: int, digest: str) -> tuple[Any, ...]:
    """The WRITE_COLUMNS values of a record, adapted for the database."""
    values = list(_DIGEST_VALUES(state))
    values[_BIRTH_AT] = values[_BIRTH_AT].isoformat()  # as Django adapts dates for every backend
    return (*values, region_id, state["is_active"], state["inactive_reason"], digest)


# Identifiers below come from the model and are quoted; values always travel as parameters.
INSERT_COLUMNS: Final = (*WRITE_COLUMNS, "created_at", "updated_at", "nip")
UPDATE_COLUMNS: Final = (*WRITE_COLUMNS, "updated_at")
STAGE_TABLE: Final = "peduliham_asn_import_stage"
_BY_NIP: Final = operator.itemgetter(INSERT_COLUMNS.index("nip"))


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(map(connection.ops.quote_name, columns))


def _insert_sql() -> str:
    table = connection.ops.quote_name(ASN._meta.db_table)
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    return f"INSERT INTO {table} ({_names(INSERT_COLUMNS)}) VALUES ({placeholders})"  # noqa: S608


def _update_sql() -> str:
    quote = connection.ops.quote_name
    table = quote(ASN._meta.db_table)
    assignments = ", ".join(f"{quote(column)} = %s" for column in UPDATE_COLUMNS)
    return f"UPDATE {table} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608


def _apply_batch(job: ImportJob, plan: BatchPlan) -> None:
    """Write one batch (inside the caller's transaction): on PostgreSQL new rows go in
    by COPY and changed rows by COPY into a staging table and one UPDATE."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The checkpoint commits with the rows, so a commit lost in a server crash
            # loses both and the re-run redoes the batch: no need to wait for the flush.
            cursor.execute("SET LOCAL synchronous_commit = off")
            if plan.new:
                _copy_new(cursor, plan.new)
            if plan.changed:
                _copy_changed(cursor, plan.changed)
        else:
            if plan.new:
                cursor.executemany(_insert_sql(), plan.new)
            if plan.changed:
                cursor.executemany(_update_sql(), plan.changed)
    if plan.transfers:
        Transfer.objects.bulk_create(plan.transfers)
    if plan.rejections:
        ImportRejection.objects.bulk_create(
            ImportRejection(
                job=job,
                sheet=rejection.sheet[:100],
                row_number=sheet_row(rejection.number, rejection.sheet),
                nip_text=rejection.nip_text[:100],
                code=rejection.code,
                message=rejection.message,
                message_en=rejection.message_en,
                cells=rejection.cells,
            )
            for rejection in plan.rejections
        )


def _copy_rows(
    cursor: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """COPY rows in CSV form, written by the csv module (far faster than row by row).

    Every value is quoted, so an empty text stays an empty text rather than NULL; the
    values are texts, integers, booleans, ISO dates and timestamps, as PostgreSQL reads
    them. No column written here is nullable."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    sql = f"COPY {table} ({_names(columns)}) FROM STDIN WITH (FORMAT csv)"
    with cursor.copy(sql) as copy:
        copy.write(buffer.getvalue())


def _copy_new(cursor: Any, rows: list[tuple[Any, ...]]) -> None:
    # In NIP order: the NIP index then takes its entries page by page rather than at
    # random places (a million-row load into the indexed table: 15.3 s unsorted, 10.7 s
    # with each batch sorted, measured with psql COPY on the benchmark machine).
    rows.sort(key=_BY_NIP)
    _copy_rows(cursor, connection.ops.quote_name(ASN._meta.db_table), INSERT_COLUMNS, rows)


def _copy_changed(cursor: Any, rows: list[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    table, stage = quote(ASN._meta.db_table), quote(STAGE_TABLE)
    columns = (*UPDATE_COLUMNS, "id")
    cursor.execute(f"DROP TABLE IF EXISTS {stage}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {stage} ON COMMIT DROP AS "  # noqa: S608
        f"SELECT {_names(columns)} FROM {table} WITH NO DATA"
    )
    _copy_rows(cursor, stage, columns, rows)
    assignments = ", ".join(f"{quote(name)} = staged.{quote(name)}" for name in UPDATE_COLUMNS)
    cursor.execute(
        f"UPDATE {table} SET {assignments} FROM {stage} AS staged "  # noqa: S608
        f"WHERE {table}.{quote('id')} = staged.{quote('id')}"
    )
