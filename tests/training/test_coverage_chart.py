"""The coverage bar chart's geometry: round axis maxima, bars inside the plot, even ticks."""

import pytest

from peduliham.training.charts import HEIGHT, MARGIN_BOTTOM, MARGIN_TOP, bar_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (1, 1), (2, 2), (3, 5), (8, 10), (11, 20), (999, 1000), (120_000, 200_000)],
)
def test_the_axis_maximum_is_the_next_round_number(value: int, expected: int) -> None:
    assert nice_ceiling(value) == expected


def test_the_tallest_bar_fills_its_share_of_the_plot() -> None:
    chart = bar_chart([("Sep 2025", 50), ("Okt 2025", 100)])
    plot = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    assert [bar.height for bar in chart.bars] == [plot / 2, plot]
    assert chart.bars[1].y == MARGIN_TOP
    assert chart.bars[0].x < chart.bars[1].x


def test_ticks_are_even_steps_from_zero_to_the_maximum() -> None:
    chart = bar_chart([("Okt 2025", 8)])
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6, 8, 10]
    assert chart.ticks[0].y == chart.baseline


def test_a_small_maximum_gets_a_tick_per_unit() -> None:
    assert [tick.value for tick in bar_chart([("Okt 2025", 2)]).ticks] == [0, 1, 2]


def test_no_points_make_an_empty_chart() -> None:
    chart = bar_chart([])
    assert chart.is_empty
    assert [tick.value for tick in chart.ticks] == [0, 1]
