"""The score distribution chart: bands, counts and geometry."""

from peduliham.assessment.charts import BANDS, band_label, band_of, distribution_chart


def test_scores_fall_in_ten_point_bands_and_100_in_the_last() -> None:
    assert [band_of(s) for s in (0, 9.99, 10, 55, 89.9, 90, 100)] == [0, 0, 1, 5, 8, 9, 9]
    assert band_label(0) == "0\u20139"
    assert band_label(9) == "90\u2013100"


def test_the_chart_counts_pre_and_post_scores_per_band() -> None:
    chart = distribution_chart([10, 15, 95], [95, 100, 100])

    assert len(chart.bands) == BANDS
    assert (chart.bands[1].pre, chart.bands[1].post) == (2, 0)
    assert (chart.bands[9].pre, chart.bands[9].post) == (1, 3)
    assert not chart.is_empty


def test_the_tallest_bar_reaches_the_top_of_a_round_axis() -> None:
    chart = distribution_chart([], [50] * 5)

    tallest = chart.bands[5].post_bar
    assert chart.ticks[-1].value == 5
    assert tallest.y == chart.ticks[-1].y
    assert tallest.y + tallest.height == chart.baseline
    assert chart.bands[5].pre_bar.height == 0


def test_an_empty_chart_says_so() -> None:
    assert distribution_chart([], []).is_empty
