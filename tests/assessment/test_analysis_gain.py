"""Hake's normalised gain per person and for a group, and the pass share: known values."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peduliham.assessment.analysis import PersonScores, normalised_gain, summarise


def test_gain_is_the_share_of_the_possible_improvement_that_was_made() -> None:
    assert normalised_gain(40, 70) == pytest.approx(0.5)
    assert normalised_gain(60, 90) == pytest.approx(0.75)
    assert normalised_gain(50, 40) == pytest.approx(-0.2)
    assert normalised_gain(0, 100) == pytest.approx(1.0)


def test_gain_is_undefined_for_a_perfect_pre_test_or_a_missing_score() -> None:
    assert normalised_gain(100, 100) is None
    assert normalised_gain(100, 80) is None
    assert normalised_gain(None, 80) is None
    assert normalised_gain(40, None) is None


def test_summary_pairs_participants_and_leaves_perfect_pre_tests_out_of_the_mean_gain() -> None:
    people = [
        PersonScores(1, 40, 70),  # g = 0.5
        PersonScores(2, 60, 90),  # g = 0.75
        PersonScores(3, 100, 100),  # g undefined
        PersonScores(4, None, 90),  # post only: not paired
        PersonScores(5, 50, None),  # pre only: not paired
    ]

    summary = summarise(people, pass_mark=80)

    assert (summary.participants, summary.paired, summary.gain_count) == (5, 3, 2)
    assert summary.mean_pre == pytest.approx(200 / 3)
    assert summary.mean_post == pytest.approx(260 / 3)
    # <g> = (86.67 - 66.67) / (100 - 66.67) = 0.6, not the mean of individual gains (0.625).
    assert summary.class_gain == pytest.approx(0.6)
    assert summary.mean_gain == pytest.approx(0.625)
    assert (summary.post_takers, summary.passed) == (4, 3)
    assert summary.pass_share == pytest.approx(0.75)


def test_an_empty_group_has_no_figures_rather_than_zeros() -> None:
    summary = summarise([], pass_mark=70)

    assert summary.mean_pre is None
    assert summary.class_gain is None
    assert summary.mean_gain is None
    assert summary.pass_share is None


def test_without_a_post_test_nobody_counts_as_passed() -> None:
    summary = summarise([PersonScores(1, 40, 90)], pass_mark=None)

    assert (summary.post_takers, summary.passed) == (1, 0)


def test_the_pass_mark_itself_passes() -> None:
    assert summarise([PersonScores(1, 10, 70)], pass_mark=70).passed == 1
    assert summarise([PersonScores(1, 10, 69.99)], pass_mark=70).passed == 0


scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(st.lists(st.tuples(scores, scores), min_size=1, max_size=40))
def test_class_gain_matches_an_independent_computation(pairs: list[tuple[float, float]]) -> None:
    people = [PersonScores(n, pre, post) for n, (pre, post) in enumerate(pairs)]
    mean_pre = math.fsum(pre for pre, _ in pairs) / len(pairs)
    mean_post = math.fsum(post for _, post in pairs) / len(pairs)
    gains = [(post - pre) / (100 - pre) for pre, post in pairs if pre < 100]

    summary = summarise(people, pass_mark=70)

    if mean_pre < 100:
        assert summary.class_gain == pytest.approx((mean_post - mean_pre) / (100 - mean_pre))
    else:
        assert summary.class_gain is None
    if gains:
        assert summary.mean_gain == pytest.approx(math.fsum(gains) / len(gains))
    assert summary.gain_count == len(gains)


@given(scores, scores)
def test_a_gain_is_never_above_one(pre: float, post: float) -> None:
    gain = normalised_gain(pre, post)
    assert gain is None or gain <= 1 + 1e-9
