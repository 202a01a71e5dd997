"""Fair participant selection: pure computation over dataclasses, no ORM.

The rule (stored with an event as `RULE` plus the seed) is:

1. Split the seats across OPDs in proportion to their quota by largest
   remainder, never giving an OPD more than its quota or more than its
   available candidates; seats an OPD cannot take are split again, by the same
   method, among the OPDs that still have room, until none are left over.
2. Within an OPD, front-line service staff first, then everyone else; each
   group is drawn by a random generator seeded with the seed and the OPD key,
   applied to the group sorted by id, so the result does not depend on the
   order of the input nor on the other OPDs.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from django.utils.translation import gettext_lazy as _

from peduliham.core.errors import DomainError
from peduliham.training.quotas import largest_remainder

RULE = "proportional-frontline-seeded-v1"

type Sex = Literal["L", "P"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An ASN who may be chosen: the caller has already applied eligibility."""

    id: int
    opd: str
    is_frontline: bool
    sex: Sex


@dataclass(frozen=True, slots=True)
class OpdShare:
    opd: str
    quota: int
    available: int
    seats: int
    selected: int


@dataclass(frozen=True, slots=True)
class SexBalance:
    male: int
    female: int


@dataclass(frozen=True, slots=True)
class SelectionResult:
    rule: str
    seed: int
    seats: int
    selected: tuple[Candidate, ...]
    shares: tuple[OpdShare, ...]

    @property
    def selected_ids(self) -> tuple[int, ...]:
        return tuple(c.id for c in self.selected)

    @property
    def sex_balance(self) -> SexBalance:
        male = sum(1 for c in self.selected if c.sex == "L")
        return SexBalance(male=male, female=len(self.selected) - male)


class SwapError(DomainError):
    """A swap breaks the selection rule; `code` says which part."""

    code = "swap_invalid"


def split_seats(
    seats: int, quotas: Mapping[str, int], available: Mapping[str, int]
) -> dict[str, int]:
    """Seats per OPD: proportional to quota, capped by quota and by available candidates."""
    caps = {opd: min(q, available.get(opd, 0)) for opd, q in quotas.items()}
    alloc = dict.fromkeys(caps, 0)
    left = min(seats, sum(caps.values()))
    while left > 0:
        # Each round either places every seat or fills at least one OPD, so it ends.
        # Sorted keys make ties go to the smaller OPD key whatever the mapping order.
        open_opds = {opd: quotas[opd] for opd in sorted(caps) if alloc[opd] < caps[opd]}
        for opd, extra in largest_remainder(left, open_opds).items():
            given = min(extra, caps[opd] - alloc[opd])
            alloc[opd] += given
            left -= given
    return alloc


def _draw(group: list[Candidate], count: int, rng: random.Random) -> list[Candidate]:
    return rng.sample(group, min(count, len(group)))


def _choose_in_opd(opd: str, members: list[Candidate], count: int, seed: int) -> list[Candidate]:
    rng = random.Random(f"{seed}:{opd}")  # noqa: S311 - reproducible draw, not a secret
    members.sort(key=lambda c: c.id)
    frontline = [c for c in members if c.is_frontline]
    others = [c for c in members if not c.is_frontline]
    chosen = _draw(frontline, count, rng)
    return chosen + _draw(others, count - len(chosen), rng)


def _group_by_opd(candidates: Sequence[Candidate]) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = {}
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.id in seen:
            raise ValueError(f"candidate {candidate.id} appears twice")
        seen.add(candidate.id)
        groups.setdefault(candidate.opd, []).append(candidate)
    return groups


def select(
    candidates: Sequence[Candidate], *, seats: int, opd_quotas: Mapping[str, int], seed: int
) -> SelectionResult:
    """Choose up to `seats` candidates by `RULE`; OPDs without a quota get no seats."""
    if seats < 0:
        raise ValueError("seats must not be negative")
    if any(q < 0 for q in opd_quotas.values()):
        raise ValueError("quotas must not be negative")
    groups = _group_by_opd(candidates)
    available = {opd: len(members) for opd, members in groups.items()}
    alloc = split_seats(seats, opd_quotas, available)
    selected: list[Candidate] = []
    shares: list[OpdShare] = []
    for opd in sorted(opd_quotas):
        chosen = _choose_in_opd(opd, groups.get(opd, []), alloc[opd], seed) if alloc[opd] else []
        selected.extend(chosen)
        shares.append(
            OpdShare(
                opd=opd,
                quota=opd_quotas[opd],
                available=available.get(opd, 0),
                seats=alloc[opd],
                selected=len(chosen),
            )
        )
    return SelectionResult(
        rule=RULE, seed=seed, seats=seats, selected=tuple(selected), shares=tuple(shares)
    )


def swap(result: SelectionResult, out_id: int, in_candidate: Candidate) -> SelectionResult:
    """Replace one selected person by another of the same OPD.

    Raises SwapError with code `not_selected`, `already_selected` or `different_opd`.
    """
    position = next((i for i, c in enumerate(result.selected) if c.id == out_id), None)
    if position is None:
        raise SwapError(
            _("Peserta yang diganti tidak ada dalam daftar terpilih"), code="not_selected"
        )
    if any(c.id == in_candidate.id for c in result.selected):
        raise SwapError(_("Pengganti sudah ada dalam daftar terpilih"), code="already_selected")
    if result.selected[position].opd != in_candidate.opd:
        raise SwapError(_("Pengganti harus berasal dari OPD yang sama"), code="different_opd")
    selected = list(result.selected)
    selected[position] = in_candidate
    return replace(result, selected=tuple(selected))
