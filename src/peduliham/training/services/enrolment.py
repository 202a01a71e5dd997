"""Writes for enrolment: fair selection, swaps, OPD confirmation and invitations.

Selection is set-based: one query for the candidates, the pure `selection.select`
in memory, one bulk insert and one counter upsert per OPD, whatever the number
of participants. Two selections at once are serialised by row locks: the event
row (two admins on one event) and the program's OPD quota rows in the host
region, taken in primary-key order (two events of one program), so the seats an
OPD already holds in other events are always read after the other selection
committed. The partial unique constraint on enrollments is the last guard
against seating one person twice.
"""

import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import scope_for
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people.headcounts import top_opd_id_expression
from peduliham.people.models import ASN
from peduliham.regions.models import Region
from peduliham.training import selection
from peduliham.training.counters import Delta, bump_many
from peduliham.training.models import (
    SEATED_STATUSES,
    Enrollment,
    EnrollmentStatus,
    Event,
    EventStatus,
    Outcome,
    Program,
    Quota,
)
from peduliham.training.services.events import EDITABLE_STATUSES, authorise_manager, lock_event
from peduliham.training.tasks import send_invitation_email

SEED_BITS = 31
INSERT_BATCH = 1_000  # rows per INSERT: 13,000 parameters, inside every backend's limit


@dataclass(frozen=True, slots=True)
class OpdSelection:
    """One OPD's line in a selection report."""

    opd_id: int
    name: str
    quota: int
    taken_elsewhere: int  # seats already held in other events of the program
    available: int  # eligible candidates
    seats: int
    selected: int


@dataclass(frozen=True, slots=True)
class SelectionReport:
    event_id: int
    rule: str
    seed: int
    seats: int
    selected: int
    male: int
    female: int
    removed: int  # previous nominees replaced by this run
    opds: tuple[OpdSelection, ...]


@dataclass(frozen=True, slots=True)
class _OpdQuota:
    opd_id: int
    region_id: int
    name: str
    amount: int


def host_region_ids(event: Event) -> list[int]:
    """The kabupaten/kota whose ASN the event draws from."""
    region = event.host_region
    if region.is_province:
        return list(
            Region.objects.filter(parent=region).kabupaten_kota().values_list("pk", flat=True)
        )
    return [region.pk]


def live_seats(program: Program | int) -> QuerySet[Enrollment]:
    """Enrollments that hold a person's one seat in the program (not failed, not replaced)."""
    return Enrollment.objects.filter(program=program, status__in=SEATED_STATUSES).exclude(
        outcome=Outcome.NOT_COMPLETED
    )


def _check_before_invitations(event: Event) -> None:
    if event.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("Peserta hanya dapat diubah sebelum kegiatan berjalan."), code="event_not_editable"
        )
    if event.invitations_sent_at is not None:
        raise DomainError(
            _("Undangan sudah dikirim; peserta tidak dapat diubah lagi."), code="invitations_sent"
        )


def _lock_quotas(event: Event, region_ids: list[int]) -> list[_OpdQuota]:
    rows = (
        Quota.objects.select_for_update(of=("self",))
        .filter(program_id=event.program_id, org_unit__region_id__in=region_ids)
        .filter(org_unit__parent__isnull=True)
        .order_by("pk")
        .values_list("org_unit_id", "org_unit__region_id", "org_unit__name", "amount")
    )
    return [_OpdQuota(*row) for row in rows]


def _remove_previous(event: Event) -> int:
    """Drop this event's earlier nominees (and their counter seats) before a new draw."""
    seated = (
        event.enrollments.filter(status__in=SEATED_STATUSES)
        .values("opd_id", "opd__region_id")
        .annotate(count=Count("pk"))
    )
    deltas = [
        Delta(event.program_id, event.pk, row["opd__region_id"], row["opd_id"], -row["count"])
        for row in seated
    ]
    bump_many(deltas)
    event.enrollments.update(replaced_by=None)  # lets the delete skip the self-reference
    event.enrollments.all().delete()
    return -sum(delta.selected for delta in deltas)


def _taken_elsewhere(event: Event, opd_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        live_seats(event.program_id)
        .filter(opd_id__in=list(opd_ids))
        .exclude(event=event)
        .values("opd_id")
        .annotate(count=Count("pk"))
        .values_list("opd_id", "count")
    )
    return dict(rows)


def _candidates(
    event: Event, region_ids: list[int], opd_ids: set[int]
) -> tuple[list[selection.Candidate], dict[int, int]]:
    """Eligible ASN as selection candidates, and each one's kabupaten/kota."""
    seated = live_seats(event.program_id).filter(asn=OuterRef("pk"))
    rows = (
        ASN.objects.filter(is_active=True, region_id__in=region_ids)
        .filter(~Exists(seated))
        .annotate(top=top_opd_id_expression())
        .values_list("pk", "top", "is_frontline", "sex", "region_id")
        .order_by()
    )
    candidates: list[selection.Candidate] = []
    regions: dict[int, int] = {}
    for pk, top, frontline, sex, region_id in rows.iterator(chunk_size=10_000):
        if top in opd_ids:
            candidates.append(
                selection.Candidate(pk, str(top), frontline, cast(selection.Sex, sex))
            )
            regions[pk] = region_id
    return candidates, regions


_INSERT_COLUMNS = (
    "event_id",
    "program_id",
    "asn_id",
    "opd_id",
    "region_id",
    "status",
    "is_frontline",
    "sex",
    "days_attended",
    "outcome",
    "outcome_reason",
    "created_at",
    "updated_at",
)


def _insert_sql(rows: int) -> str:
    table = connection.ops.quote_name(Enrollment._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in _INSERT_COLUMNS)
    values = ", ".join([f"({', '.join(['%s'] * len(_INSERT_COLUMNS))})"] * rows)
    return f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608 - names from the model


_POSTGRES_TYPES = (
    "bigint",
    "bigint",
    "bigint",
    "bigint",
    "bigint",
    "text",
    "boolean",
    "text",
    "integer",
    "text",
    "text",
    "timestamptz",
    "timestamptz",
)


def _insert_postgres_sql() -> str:
    """One INSERT from arrays: PostgreSQL binds 13 arrays faster than 13,000 parameters."""
    table = connection.ops.quote_name(Enrollment._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in _INSERT_COLUMNS)
    arrays = ", ".join(f"%s::{kind}[]" for kind in _POSTGRES_TYPES)
    return f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays})"  # noqa: S608


def _insert(event: Event, chosen: Sequence[selection.Candidate], regions: dict[int, int]) -> None:
    """Set-based INSERTs: building 20,000 model instances costs more than the database work."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (
            event.pk,
            event.program_id,
            candidate.id,
            int(candidate.opd),
            regions[candidate.id],
            EnrollmentStatus.NOMINATED.value,
            candidate.is_frontline,
            candidate.sex,
            0,
            Outcome.PENDING.value,
            "",
            now,
            now,
        )
        for candidate in chosen
    ]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql" and rows:
                cursor.execute(
                    _insert_postgres_sql(), [list(column) for column in zip(*rows, strict=True)]
                )
                return
            for start in range(0, len(rows), INSERT_BATCH):
                batch = rows[start : start + INSERT_BATCH]
                cursor.execute(_insert_sql(len(batch)), [value for row in batch for value in row])
    except IntegrityError as exc:
        raise DomainError(
            _("Data peserta berubah selama seleksi; silakan ulangi."), code="selection_conflict"
        ) from exc


def _report(
    event: Event,
    result: selection.SelectionResult,
    quotas: list[_OpdQuota],
    taken: dict[int, int],
    removed: int,
) -> SelectionReport:
    shares = {int(share.opd): share for share in result.shares}
    opds = tuple(
        OpdSelection(
            opd_id=quota.opd_id,
            name=quota.name,
            quota=quota.amount,
            taken_elsewhere=taken.get(quota.opd_id, 0),
            available=shares[quota.opd_id].available,
            seats=shares[quota.opd_id].seats,
            selected=shares[quota.opd_id].selected,
        )
        for quota in sorted(quotas, key=lambda quota: quota.name)
    )
    sexes = Counter(candidate.sex for candidate in result.selected)
    return SelectionReport(
        event_id=event.pk,
        rule=result.rule,
        seed=result.seed,
        seats=result.seats,
        selected=len(result.selected),
        male=sexes["L"],
        female=sexes["P"],
        removed=removed,
        opds=opds,
    )


@transaction.atomic
def select_participants(actor: Any, *, event: Event, seed: int | None = None) -> SelectionReport:
    """Fill the event fairly from the registry, replacing earlier nominees (permission_denied,
    event_not_editable, invitations_sent, seed_invalid, selection_conflict)."""
    if seed is not None and not 0 <= seed < 2**63:
        raise DomainError(_("Benih acak harus bilangan 0 atau lebih."), code="seed_invalid")
    event = lock_event(event)
    authorise_manager(actor, event.host_region)
    _check_before_invitations(event)
    region_ids = host_region_ids(event)
    quotas = _lock_quotas(event, region_ids)
    removed = _remove_previous(event)
    taken = _taken_elsewhere(event, (quota.opd_id for quota in quotas))
    candidates, regions = _candidates(event, region_ids, {quota.opd_id for quota in quotas})
    seats = event.capacity - event.enrollments.filter(status__in=SEATED_STATUSES).count()
    result = selection.select(
        candidates,
        seats=max(seats, 0),
        opd_quotas={str(q.opd_id): max(q.amount - taken.get(q.opd_id, 0), 0) for q in quotas},
        seed=secrets.randbits(SEED_BITS) if seed is None else seed,
    )
    _insert(event, result.selected, regions)
    _count_seats(event, quotas, result)
    event.selection_seed, event.selection_rule = result.seed, result.rule
    event.selected_at = timezone.now()
    event.save(update_fields=["selection_seed", "selection_rule", "selected_at", "updated_at"])
    report = _report(event, result, quotas, taken, removed)
    log_action(
        actor,
        "peduliham.training.event.participants_selected",
        event,
        region_code=event.host_region.code,
        changes={
            "seed": report.seed,
            "rule": report.rule,
            "seats": report.seats,
            "selected": report.selected,
            "removed": removed,
        },
    )
    return report


def _count_seats(event: Event, quotas: list[_OpdQuota], result: selection.SelectionResult) -> None:
    region_of = {quota.opd_id: quota.region_id for quota in quotas}
    per_opd = Counter(int(candidate.opd) for candidate in result.selected)
    bump_many(
        Delta(event.program_id, event.pk, region_of[opd], opd, selected=count)
        for opd, count in per_opd.items()
    )


def _check_replacement(event: Event, enrollment: Enrollment, replacement: ASN) -> None:
    if not replacement.is_active or replacement.region_id not in host_region_ids(event):
        raise DomainError(
            _("Pengganti harus ASN aktif di wilayah penyelenggara."), code="replacement_ineligible"
        )
    if replacement.org_unit.top_id != enrollment.opd_id:
        raise DomainError(_("Pengganti harus berasal dari OPD yang sama."), code="different_opd")
    in_event = Enrollment.objects.filter(event=event, asn=replacement).exists()
    if in_event or live_seats(event.program_id).filter(asn=replacement).exists():
        raise DomainError(
            _("Pengganti sudah terdaftar atau sudah mengikuti program ini."),
            code="already_selected",
        )


def _replace(
    actor: Any,
    enrollment: Enrollment,
    replacement: ASN,
    *,
    new_status: EnrollmentStatus,
    action: str,
) -> Enrollment:
    """Seat `replacement` in place of `enrollment` (the caller has authorised the actor)."""
    event = lock_event(enrollment.event)
    _check_before_invitations(event)
    old = Enrollment.objects.select_for_update().select_related("opd").get(pk=enrollment.pk)
    if old.status not in SEATED_STATUSES:
        raise DomainError(_("Peserta ini sudah tidak terpilih."), code="not_seated")
    _check_replacement(event, old, replacement)
    try:
        with transaction.atomic():
            new = Enrollment.objects.create(
                event=event,
                program_id=event.program_id,
                asn=replacement,
                opd_id=old.opd_id,
                region_id=replacement.region_id,
                status=new_status,
                is_frontline=replacement.is_frontline,
                sex=replacement.sex,
            )
    except IntegrityError as exc:
        raise DomainError(
            _("Pengganti sudah terdaftar atau sudah mengikuti program ini."),
            code="already_selected",
        ) from exc
    old.status, old.replaced_by = EnrollmentStatus.REPLACED, new
    old.save(update_fields=["status", "replaced_by", "updated_at"])
    seat = Delta(event.program_id, event.pk, old.opd.region_id, old.opd_id, selected=-1)
    bump_many([seat, Delta(seat.program_id, seat.event_id, seat.region_id, seat.opd_id, 1)])
    log_action(
        actor,
        action,
        new,
        region_code=old.opd.region.code,
        unit_path=old.opd.path,
        changes={"replaced": [old.asn_id, replacement.pk], "enrollment": old.pk},
    )
    return new


@transaction.atomic
def swap_participant(actor: Any, *, enrollment: Enrollment, replacement: ASN) -> Enrollment:
    """Replace a selected person by another of the same OPD before invitations
    (permission_denied, event_not_editable, invitations_sent, not_seated,
    replacement_ineligible, different_opd, already_selected)."""
    authorise_manager(actor, enrollment.event.host_region)
    return _replace(
        actor,
        enrollment,
        replacement,
        new_status=EnrollmentStatus.NOMINATED,
        action="peduliham.training.enrollment.swapped",
    )


def _authorise_opd_admin(actor: Any, enrollment: Enrollment) -> None:
    allowed = (
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role == Role.OPD_ADMIN
        and scope_for(actor).contains_unit(enrollment.opd)
    )
    if not allowed:
        raise PermissionDenied(_("Hanya admin OPD peserta ini yang dapat melakukannya."))


@transaction.atomic
def confirm_nominee(actor: Any, *, enrollment: Enrollment) -> Enrollment:
    """The OPD admin confirms their nominee (permission_denied, event_not_editable,
    invitations_sent, not_nominated)."""
    _authorise_opd_admin(actor, enrollment)
    event = lock_event(enrollment.event)
    _check_before_invitations(event)
    locked = (
        Enrollment.objects.select_for_update().select_related("opd__region").get(pk=enrollment.pk)
    )
    if locked.status != EnrollmentStatus.NOMINATED:
        raise DomainError(_("Hanya nominasi yang dapat dikonfirmasi."), code="not_nominated")
    locked.status = EnrollmentStatus.CONFIRMED
    locked.save(update_fields=["status", "updated_at"])
    log_action(
        actor,
        "peduliham.training.enrollment.confirmed",
        locked,
        region_code=locked.opd.region.code,
        unit_path=locked.opd.path,
        changes={"status": [EnrollmentStatus.NOMINATED, EnrollmentStatus.CONFIRMED]},
    )
    return locked


@transaction.atomic
def replace_nominee(actor: Any, *, enrollment: Enrollment, replacement: ASN) -> Enrollment:
    """The OPD admin puts another of their ASN in a nominee's place; the new person counts
    as confirmed (the codes of swap_participant)."""
    _authorise_opd_admin(actor, enrollment)
    return _replace(
        actor,
        enrollment,
        replacement,
        new_status=EnrollmentStatus.CONFIRMED,
        action="peduliham.training.enrollment.replaced",
    )


def _enqueue_invitations(enrollment_ids: list[int], base_url: str) -> None:
    for enrollment_id in enrollment_ids:
        send_invitation_email.enqueue(enrollment_id=enrollment_id, base_url=base_url)


@transaction.atomic
def send_invitations(actor: Any, *, event: Event, base_url: str = "") -> int:
    """Invite every seated participant of an open event and e-mail them their ticket link
    after commit; returns how many were invited (permission_denied, event_not_open,
    invitations_sent, no_participants)."""
    event = lock_event(event)
    authorise_manager(actor, event.host_region)
    if event.invitations_sent_at is not None:
        raise DomainError(_("Undangan sudah dikirim."), code="invitations_sent")
    if event.status != EventStatus.OPEN:
        raise DomainError(
            _("Undangan hanya dikirim untuk kegiatan berstatus dibuka."), code="event_not_open"
        )
    seated = event.enrollments.filter(status__in=SEATED_STATUSES)
    now = timezone.now()
    invited = seated.update(invited_at=now)
    if not invited:
        raise DomainError(_("Belum ada peserta terpilih."), code="no_participants")
    event.invitations_sent_at = now
    event.save(update_fields=["invitations_sent_at", "updated_at"])
    with_email = list(seated.exclude(asn__email="").values_list("pk", flat=True))
    link_base = base_url or getattr(settings, "SITE_URL", "")
    transaction.on_commit(lambda: _enqueue_invitations(with_email, link_base))
    log_action(
        actor,
        "peduliham.training.event.invitations_sent",
        event,
        region_code=event.host_region.code,
        changes={"invited": invited, "emailed": len(with_email)},
    )
    return invited
