"""Quota arithmetic over plain integers: no ORM, no database.

`largest_remainder` splits a total in proportion to weights (Hamilton's method)
so the parts add up exactly; `share_of` is the "N% of each OPD" rule;
`remaining` says how much of a parent quota is still free.
"""

from collections.abc import Hashable, Mapping


def largest_remainder[K: Hashable](total: int, weights: Mapping[K, int]) -> dict[K, int]:
    """Split `total` in proportion to `weights`; the parts add up exactly to `total`.

    Each part is the floor of its exact share, and the units left over go to the
    largest remainders; ties go to the key that comes first in `weights`. A zero
    weight always gets 0. Raises ValueError on a negative total or weight, or when
    `total` is positive and every weight is zero (there is nothing to split by).
    """
    if total < 0:
        raise ValueError("total must not be negative")
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights.values())
    if weight_sum == 0:
        if total > 0:
            raise ValueError("cannot split a positive total by all-zero weights")
        return dict.fromkeys(weights, 0)
    parts: dict[K, int] = {}
    remainders: dict[K, int] = {}
    for key, weight in weights.items():
        parts[key], remainders[key] = divmod(total * weight, weight_sum)
    left = total - sum(parts.values())
    position = {key: index for index, key in enumerate(weights)}
    by_remainder = sorted(weights, key=lambda key: (-remainders[key], position[key]))
    for key in by_remainder[:left]:
        parts[key] += 1
    return parts


def share_of[K: Hashable](percent: int, counts: Mapping[K, int]) -> dict[K, int]:
    """`percent`% of each count, rounded half up (10% of 15 is 2, of 14 is 1, of 4 is 0).

    There is no minimum per unit: a unit too small for a whole person gets 0, so
    the one-click rule never asks more of a small OPD than the percentage says.
    Raises ValueError for a percentage outside 0..100 or a negative count.
    """
    if not 0 <= percent <= 100:
        raise ValueError("percent must lie between 0 and 100")
    if any(count < 0 for count in counts.values()):
        raise ValueError("counts must not be negative")
    return {key: (count * percent * 2 + 100) // 200 for key, count in counts.items()}


def remaining(parent_quota: int, child_quotas: Mapping[object, int] | list[int]) -> int:
    """How much of `parent_quota` the children leave free (negative when over-allocated)."""
    values = child_quotas.values() if isinstance(child_quotas, Mapping) else child_quotas
    return parent_quota - sum(values)
