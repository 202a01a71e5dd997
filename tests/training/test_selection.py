import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peduliham.training.selection import (
    RULE,
    Candidate,
    SelectionResult,
    Sex,
    SwapError,
    select,
    split_seats,
    swap,
)


def people(opd: str, count: int, *, first_id: int, frontline: int = 0) -> list[Candidate]:
    sexes: tuple[Sex, Sex] = ("L", "P")
    return [
        Candidate(id=first_id + n, opd=opd, is_frontline=n < frontline, sex=sexes[n % 2])
        for n in range(count)
    ]


@pytest.fixture
def kota_jambi() -> list[Candidate]:
    return (
        people("dinkes", 300, first_id=1, frontline=40)
        + people("disdik", 500, first_id=1001)
        + people("bappeda", 50, first_id=2001)
    )


QUOTAS = {"dinkes": 30, "disdik": 50, "bappeda": 5}


def test_it_is_reproducible_with_the_same_seed(kota_jambi: list[Candidate]) -> None:
    first = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=7)
    second = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=7)
    assert first.selected_ids == second.selected_ids
    assert (first.rule, first.seed) == (RULE, 7)


def test_it_does_not_depend_on_the_input_order(kota_jambi: list[Candidate]) -> None:
    shuffled = kota_jambi[:]
    random.Random(3).shuffle(shuffled)
    ordered = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=7)
    assert (
        select(shuffled, seats=85, opd_quotas=QUOTAS, seed=7).selected_ids == ordered.selected_ids
    )


def test_another_seed_chooses_other_people(kota_jambi: list[Candidate]) -> None:
    first = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=7)
    second = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=8)
    assert set(first.selected_ids) != set(second.selected_ids)


def test_front_line_staff_come_first(kota_jambi: list[Candidate]) -> None:
    result = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=7)
    dinkes = [c for c in result.selected if c.opd == "dinkes"]
    assert len(dinkes) == 30
    assert all(c.is_frontline for c in dinkes)


def test_the_rest_fill_the_seats_after_the_front_line() -> None:
    candidates = people("dinkes", 10, first_id=1, frontline=3)
    result = select(candidates, seats=6, opd_quotas={"dinkes": 6}, seed=1)
    assert [c.is_frontline for c in result.selected] == [True] * 3 + [False] * 3


def test_each_opd_gets_its_quota_when_seats_match(kota_jambi: list[Candidate]) -> None:
    result = select(kota_jambi, seats=85, opd_quotas=QUOTAS, seed=7)
    assert {s.opd: s.seats for s in result.shares} == QUOTAS
    assert Counter(c.opd for c in result.selected) == Counter(QUOTAS)


def test_seats_are_split_in_proportion_to_quotas(kota_jambi: list[Candidate]) -> None:
    result = select(kota_jambi, seats=17, opd_quotas=QUOTAS, seed=7)
    # 17 * 30/85 = 6.0, 17 * 50/85 = 10.0, 17 * 5/85 = 1.0
    assert {s.opd: s.seats for s in result.shares} == {"dinkes": 6, "disdik": 10, "bappeda": 1}


def test_leftover_seats_go_to_the_largest_remainders(kota_jambi: list[Candidate]) -> None:
    result = select(kota_jambi, seats=10, opd_quotas=QUOTAS, seed=7)
    # exact shares 3.53, 5.88 and 0.59: floors 3 + 5 + 0, the two seats left go to disdik, bappeda
    assert {s.opd: s.seats for s in result.shares} == {"dinkes": 3, "disdik": 6, "bappeda": 1}


def test_ties_go_to_the_smaller_opd_key_whatever_the_quota_order() -> None:
    candidates = people("b", 5, first_id=1) + people("a", 5, first_id=11)
    result = select(candidates, seats=1, opd_quotas={"b": 1, "a": 1}, seed=1)
    assert {s.opd: s.seats for s in result.shares} == {"a": 1, "b": 0}


def test_seats_an_opd_cannot_take_go_to_opds_with_room() -> None:
    alloc = split_seats(20, {"a": 10, "b": 10}, {"a": 2, "b": 50})
    assert alloc == {"a": 2, "b": 10}


def test_seats_never_exceed_what_is_available_under_quota(kota_jambi: list[Candidate]) -> None:
    result = select(kota_jambi, seats=1000, opd_quotas=QUOTAS, seed=7)
    assert len(result.selected) == 85
    assert sum(s.seats for s in result.shares) == 85


def test_opds_without_a_quota_get_no_seats(kota_jambi: list[Candidate]) -> None:
    result = select(kota_jambi, seats=40, opd_quotas={"disdik": 50}, seed=7)
    assert {c.opd for c in result.selected} == {"disdik"}


def test_it_reports_each_opd_share_and_the_sex_balance() -> None:
    candidates = people("dinkes", 4, first_id=1) + people("disdik", 2, first_id=11)
    result = select(
        candidates, seats=6, opd_quotas={"dinkes": 5, "disdik": 5, "dpmptsp": 1}, seed=1
    )
    shares = {s.opd: (s.quota, s.available, s.seats, s.selected) for s in result.shares}
    assert shares == {"dinkes": (5, 4, 4, 4), "disdik": (5, 2, 2, 2), "dpmptsp": (1, 0, 0, 0)}
    assert (result.sex_balance.male, result.sex_balance.female) == (3, 3)


def test_it_refuses_a_candidate_listed_twice() -> None:
    twice = people("dinkes", 2, first_id=1) * 2
    with pytest.raises(ValueError, match="appears twice"):
        select(twice, seats=2, opd_quotas={"dinkes": 2}, seed=1)


def test_it_refuses_negative_seats() -> None:
    with pytest.raises(ValueError, match="seats"):
        select([], seats=-1, opd_quotas={}, seed=1)


@pytest.fixture
def small_result() -> SelectionResult:
    candidates = people("dinkes", 5, first_id=1) + people("disdik", 5, first_id=11)
    return select(candidates, seats=4, opd_quotas={"dinkes": 2, "disdik": 2}, seed=1)


def test_a_swap_puts_the_replacement_in_the_same_place(small_result: SelectionResult) -> None:
    out = small_result.selected[0]
    spare = next(
        c for c in people("dinkes", 5, first_id=1) if c.id not in small_result.selected_ids
    )
    swapped = swap(small_result, out.id, spare)
    assert swapped.selected_ids[0] == spare.id
    assert swapped.selected_ids[1:] == small_result.selected_ids[1:]


def test_a_swap_needs_the_same_opd(small_result: SelectionResult) -> None:
    out = small_result.selected[0]
    stranger = Candidate(
        id=99, opd="disdik" if out.opd == "dinkes" else "dinkes", is_frontline=False, sex="P"
    )
    with pytest.raises(SwapError) as error:
        swap(small_result, out.id, stranger)
    assert error.value.code == "different_opd"


def test_a_swap_refuses_someone_already_selected(small_result: SelectionResult) -> None:
    first, second = small_result.selected[:2]
    with pytest.raises(SwapError) as error:
        swap(small_result, first.id, second)
    assert error.value.code == "already_selected"


def test_a_swap_needs_the_person_out_to_be_selected(small_result: SelectionResult) -> None:
    newcomer = Candidate(id=99, opd="dinkes", is_frontline=False, sex="P")
    with pytest.raises(SwapError) as error:
        swap(small_result, 12345, newcomer)
    assert error.value.code == "not_selected"


candidate_lists = st.lists(
    st.builds(
        Candidate,
        id=st.integers(1, 10_000),
        opd=st.sampled_from(["a", "b", "c", "d"]),
        is_frontline=st.booleans(),
        sex=st.sampled_from(["L", "P"]),
    ),
    max_size=80,
    unique_by=lambda c: c.id,
)
quota_maps = st.dictionaries(st.sampled_from(["a", "b", "c", "e"]), st.integers(0, 30))


@settings(max_examples=200, deadline=None)
@given(candidates=candidate_lists, quotas=quota_maps, seats=st.integers(0, 100), seed=st.integers())
def test_selection_never_breaks_capacity_or_quotas(
    candidates: list[Candidate], quotas: dict[str, int], seats: int, seed: int
) -> None:
    result = select(candidates, seats=seats, opd_quotas=quotas, seed=seed)
    ids = result.selected_ids
    assert len(ids) == len(set(ids))
    assert set(result.selected) <= set(candidates)
    per_opd = Counter(c.opd for c in result.selected)
    assert all(per_opd[opd] <= q for opd, q in quotas.items())
    assert set(per_opd) <= set(quotas)
    capacity = sum(min(q, sum(1 for c in candidates if c.opd == opd)) for opd, q in quotas.items())
    assert len(ids) == min(seats, capacity)
    assert all(s.seats == s.selected == per_opd[s.opd] for s in result.shares)
