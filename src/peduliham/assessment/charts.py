"""The pre- vs post-test score distribution as SVG geometry (drawn by a template).

Ten score bands of ten points (the last includes 100); for each band a
pre-test bar and a post-test bar side by side. Sizes are SVG presentation
attributes, which the Content-Security-Policy allows (inline styles it does
not). Pure: tested without a database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from peduliham.training.charts import Tick, axis_ticks, nice_ceiling

WIDTH: Final = 640
HEIGHT: Final = 260
MARGIN_LEFT: Final = 48
MARGIN_RIGHT: Final = 8
MARGIN_TOP: Final = 16
MARGIN_BOTTOM: Final = 40
BANDS: Final = 10
BAND_WIDTH: Final = 10
GAP_SHARE: Final = 0.2


@dataclass(frozen=True, slots=True)
class BandBar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Band:
    label: str  # "0-9", ..., "90-100"
    pre: int
    post: int
    pre_bar: BandBar
    post_bar: BandBar
    label_x: float


@dataclass(frozen=True, slots=True)
class DistributionChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    label_y: float
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]

    @property
    def is_empty(self) -> bool:
        return all(band.pre == 0 and band.post == 0 for band in self.bands)


def band_of(score: float) -> int:
    """The band index (0-9) of a percentage score; 100 falls in the last band."""
    return min(max(int(score // BAND_WIDTH), 0), BANDS - 1)


def band_counts(scores: Iterable[float]) -> list[int]:
    counts = [0] * BANDS
    for score in scores:
        counts[band_of(score)] += 1
    return counts


def band_label(index: int) -> str:
    low = index * BAND_WIDTH
    high = 100 if index == BANDS - 1 else low + BAND_WIDTH - 1
    return f"{low}\u2013{high}"


def distribution_chart(pre: Sequence[float], post: Sequence[float]) -> DistributionChart:
    """Counts of pre- and post-test scores per band, scaled to a round maximum."""
    pre_counts, post_counts = band_counts(pre), band_counts(post)
    top = nice_ceiling(max([*pre_counts, *post_counts, 0]))
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = float(MARGIN_TOP + plot_height)
    slot = (WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / BANDS
    bar_width = slot * (1 - GAP_SHARE) / 2
    bands = []
    for index in range(BANDS):
        left = MARGIN_LEFT + index * slot + slot * GAP_SHARE / 2
        bands.append(
            Band(
                label=band_label(index),
                pre=pre_counts[index],
                post=post_counts[index],
                pre_bar=_bar(pre_counts[index], left, bar_width, top, baseline, plot_height),
                post_bar=_bar(
                    post_counts[index], left + bar_width, bar_width, top, baseline, plot_height
                ),
                label_x=round(MARGIN_LEFT + (index + 0.5) * slot, 1),
            )
        )
    return DistributionChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=MARGIN_LEFT,
        plot_right=WIDTH - MARGIN_RIGHT,
        baseline=baseline,
        label_y=baseline + 20,
        bands=tuple(bands),
        ticks=axis_ticks(top, baseline, plot_height),
    )


def _bar(
    count: int, left: float, width: float, top: int, baseline: float, plot_height: float
) -> BandBar:
    height = round(plot_height * count / top, 1)
    return BandBar(
        x=round(left, 1), y=round(baseline - height, 1), width=round(width, 1), height=height
    )
