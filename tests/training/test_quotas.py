"""Quota arithmetic: exact sums, fair rounding and the N% rule (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peduliham.training.quotas import largest_remainder, remaining, share_of

weights_strategy = st.dictionaries(
    st.text(min_size=1, max_size=4), st.integers(min_value=0, max_value=10_000), min_size=1
).filter(lambda weights: sum(weights.values()) > 0)


@given(total=st.integers(min_value=0, max_value=2_000_000), weights=weights_strategy)
def test_the_parts_add_up_exactly_to_the_total(total: int, weights: dict[str, int]) -> None:
    assert sum(largest_remainder(total, weights).values()) == total


@given(total=st.integers(min_value=0, max_value=2_000_000), weights=weights_strategy)
def test_each_part_is_the_floor_or_ceiling_of_its_exact_share(
    total: int, weights: dict[str, int]
) -> None:
    weight_sum = sum(weights.values())
    parts = largest_remainder(total, weights)
    for key, weight in weights.items():
        floor = total * weight // weight_sum
        assert parts[key] in (floor, floor + 1)
        if total * weight % weight_sum == 0:
            assert parts[key] == floor


@given(total=st.integers(min_value=0, max_value=2_000_000), weights=weights_strategy)
def test_a_larger_weight_never_gets_a_smaller_part(total: int, weights: dict[str, int]) -> None:
    parts = largest_remainder(total, weights)
    for a, weight_a in weights.items():
        for b, weight_b in weights.items():
            if weight_a > weight_b:
                assert parts[a] >= parts[b]


def test_ties_go_to_the_key_that_comes_first() -> None:
    assert largest_remainder(1, {"b": 1, "a": 1}) == {"b": 1, "a": 0}
    assert largest_remainder(2, {"x": 1, "y": 1, "z": 1}) == {"x": 1, "y": 1, "z": 0}


def test_it_splits_a_national_target_by_asn_counts() -> None:
    parts = largest_remainder(1_000_000, {"15": 100_000, "14": 150_000, "11": 50_001})
    assert parts == {"15": 333_332, "14": 499_998, "11": 166_670}


def test_zero_weights_get_nothing() -> None:
    assert largest_remainder(10, {"a": 0, "b": 3}) == {"a": 0, "b": 10}


def test_all_zero_weights_cannot_split_a_positive_total() -> None:
    with pytest.raises(ValueError, match="all-zero"):
        largest_remainder(5, {"a": 0, "b": 0})
    assert largest_remainder(0, {"a": 0, "b": 0}) == {"a": 0, "b": 0}


def test_it_refuses_negative_numbers() -> None:
    with pytest.raises(ValueError, match="total"):
        largest_remainder(-1, {"a": 1})
    with pytest.raises(ValueError, match="weights"):
        largest_remainder(1, {"a": -1})


def test_share_of_rounds_half_up_per_unit() -> None:
    assert share_of(10, {"a": 15, "b": 14, "c": 4, "d": 5, "e": 0}) == {
        "a": 2,
        "b": 1,
        "c": 0,
        "d": 1,
        "e": 0,
    }


@given(
    percent=st.integers(min_value=0, max_value=100),
    counts=st.dictionaries(st.integers(), st.integers(min_value=0, max_value=100_000)),
)
def test_share_of_is_within_half_a_person_of_the_exact_share(
    percent: int, counts: dict[int, int]
) -> None:
    for key, share in share_of(percent, counts).items():
        assert abs(share * 100 - counts[key] * percent) <= 50


def test_share_of_refuses_a_percentage_outside_the_range() -> None:
    with pytest.raises(ValueError, match="percent"):
        share_of(101, {"a": 1})
    with pytest.raises(ValueError, match="counts"):
        share_of(10, {"a": -1})


def test_remaining_is_what_the_children_leave_free() -> None:
    assert remaining(20_000, {"15.71": 1_000, "15.01": 4_000}) == 15_000
    assert remaining(100, [60, 50]) == -10
    assert remaining(7, []) == 7
