"""Pure scoring rules: option order per person, percentages, the draw."""

from decimal import Decimal

import pytest

from peduliham.assessment.scoring import (
    draw_questions,
    option_order,
    passed,
    score_percent,
    split_evenly,
)


def test_the_option_order_is_stable_for_one_attempt_and_question() -> None:
    first = option_order([4, 1, 3, 2], attempt_seed=99, question_id=5)
    assert option_order([1, 2, 3, 4], attempt_seed=99, question_id=5) == first
    assert sorted(first) == [1, 2, 3, 4]


def test_the_option_order_differs_between_people() -> None:
    orders = {
        tuple(option_order([1, 2, 3, 4, 5], attempt_seed=s, question_id=1)) for s in range(20)
    }
    assert len(orders) > 5


def test_a_score_has_two_decimals_rounded_half_up() -> None:
    assert score_percent(1, 3) == Decimal("33.33")
    assert score_percent(2, 3) == Decimal("66.67")
    assert score_percent(1, 32) == Decimal("3.13")
    assert score_percent(25, 25) == Decimal("100.00")
    assert score_percent(0, 0) == Decimal("0.00")


def test_passing_needs_the_pass_mark() -> None:
    assert passed(Decimal("70.00"), 70)
    assert not passed(Decimal("69.99"), 70)
    assert not passed(None, 0)


def test_the_draw_follows_the_blueprint_and_the_seed() -> None:
    pool = {"a": [1, 2, 3, 4], "b": [10, 11, 12]}
    drawn = draw_questions(pool, {"a": 2, "b": 3}, seed=1)
    assert drawn == draw_questions(pool, {"a": 2, "b": 3}, seed=1)
    assert len([q for q in drawn if q < 10]) == 2
    assert {10, 11, 12} <= set(drawn)


def test_the_draw_names_the_topic_that_runs_short() -> None:
    with pytest.raises(ValueError, match="b"):
        draw_questions({"a": [1], "b": [2]}, {"a": 1, "b": 2}, seed=1)


def test_25_questions_spread_over_6_topics() -> None:
    assert split_evenly(25, ["a", "b", "c", "d", "e", "f"]) == {
        "a": 5,
        "b": 4,
        "c": 4,
        "d": 4,
        "e": 4,
        "f": 4,
    }
