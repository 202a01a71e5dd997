"""Item analysis: difficulty, point-biserial discrimination, option counts and flags."""

import random
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peduliham.assessment.analysis import (
    ItemFlag,
    ItemSpec,
    analyse_items,
    item_flags,
    point_biserial,
)

# Three items; options 10-13, 20-23, 30-33; the correct one ends in 0.
ITEMS = [ItemSpec(k, (k * 10, k * 10 + 1, k * 10 + 2, k * 10 + 3), k * 10) for k in (1, 2, 3)]


def test_point_biserial_of_a_known_pair_of_vectors() -> None:
    # r = cov / (sd_x sd_y) = 2 / sqrt(1 * 5)
    assert point_biserial([1, 1, 0, 0], [3, 2, 1, 0]) == pytest.approx(2 / 5**0.5)


def test_point_biserial_is_undefined_when_either_vector_is_constant() -> None:
    assert point_biserial([1, 1, 1], [3, 2, 1]) is None
    assert point_biserial([1, 0, 1], [2, 2, 2]) is None
    assert point_biserial([1], [2]) is None


def test_items_get_difficulty_option_counts_and_the_unanswered() -> None:
    answers = {
        101: {1: 10, 2: 20, 3: 30},
        102: {1: 10, 2: 21, 3: 30},
        103: {1: 11, 2: 21},  # item 3 left blank
        104: {},  # nothing saved: every item wrong
    }

    first, second, third = analyse_items(ITEMS, answers)

    assert (first.attempts, first.correct, first.difficulty) == (4, 2, 0.5)
    assert first.option_counts == ((10, 2), (11, 1), (12, 0), (13, 0))
    assert first.unused_options == (12, 13)
    assert first.unanswered == 1
    assert second.difficulty == 0.25
    assert third.unanswered == 2


def test_discrimination_uses_the_total_without_the_item_itself() -> None:
    answers = {
        1: {1: 10, 2: 20, 3: 30},  # 3 correct
        2: {1: 10, 2: 20, 3: 31},  # 2
        3: {1: 10, 2: 21, 3: 31},  # 1
        4: {1: 11, 2: 21, 3: 30},  # 1
        5: {1: 11, 2: 21, 3: 31},  # 0
    }

    first = analyse_items(ITEMS, answers)[0]

    item = [1, 1, 1, 0, 0]
    rest = [2, 1, 0, 1, 0]  # totals 3, 2, 1, 1, 0 minus the item
    assert first.discrimination == pytest.approx(statistics.correlation(item, rest))
    assert first.discrimination != pytest.approx(statistics.correlation(item, [3, 2, 1, 1, 0]))


def test_flags_name_every_reason_an_item_is_weak() -> None:
    assert item_flags(0.1, 0.5, [(1, 3), (2, 7)]) == (ItemFlag.TOO_HARD,)
    assert item_flags(0.95, 0.5, [(1, 3), (2, 7)]) == (ItemFlag.TOO_EASY,)
    assert item_flags(0.5, 0.1, [(1, 3), (2, 7)]) == (ItemFlag.LOW_DISCRIMINATION,)
    assert item_flags(0.5, None, [(1, 3), (2, 7)]) == (ItemFlag.LOW_DISCRIMINATION,)
    assert item_flags(0.5, 0.5, [(1, 3), (2, 0)]) == (ItemFlag.UNUSED_OPTION,)
    assert item_flags(0.5, 0.5, [(1, 3), (2, 7)]) == ()
    assert item_flags(0.2, 0.2, [(1, 1)]) == ()  # the limits themselves pass


def test_an_exam_nobody_submitted_has_no_figures_and_no_flags() -> None:
    stats = analyse_items(ITEMS, {})

    assert all(s.difficulty is None and s.discrimination is None for s in stats)
    assert all(s.flags == () for s in stats)


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=3, max_value=60))
def test_item_figures_match_an_independent_computation(seed: int, people: int) -> None:
    rng = random.Random(seed)
    answers = {
        attempt: {item.key: rng.choice(item.options) for item in ITEMS if rng.random() > 0.1}
        for attempt in range(people)
    }

    stats = analyse_items(ITEMS, answers)

    for index, item in enumerate(ITEMS):
        marks = [[int(a.get(i.key) == i.correct) for i in ITEMS] for a in answers.values()]
        vector = [row[index] for row in marks]
        rest = [sum(row) - row[index] for row in marks]
        assert stats[index].difficulty == pytest.approx(sum(vector) / people)
        try:
            expected: float | None = statistics.correlation(vector, rest)
        except statistics.StatisticsError:  # a constant vector
            expected = None
        if expected is None:
            assert stats[index].discrimination is None
        else:
            assert stats[index].discrimination == pytest.approx(expected)
        chosen = [a.get(item.key) for a in answers.values()]
        assert stats[index].option_counts == tuple((o, chosen.count(o)) for o in item.options)
