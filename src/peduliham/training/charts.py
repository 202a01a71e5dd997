"""A server-side bar chart: geometry only, drawn as SVG by a template.

The chart is plain SVG with sizes as attributes (the Content-Security-Policy
forbids inline styles, not presentation attributes), so it needs no
JavaScript and prints. Pure functions over plain values: tested without a
database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

WIDTH: Final = 640
HEIGHT: Final = 240
MARGIN_LEFT: Final = 56
MARGIN_RIGHT: Final = 8
MARGIN_TOP: Final = 16
MARGIN_BOTTOM: Final = 40
GAP_SHARE: Final = 0.25  # of each slot, left empty between bars
TICKS: Final = 5  # every round maximum from 5 up divides into five equal steps


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True, slots=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    label_y: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]

    @property
    def is_empty(self) -> bool:
        return not self.bars


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1)."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def axis_ticks(top: int, baseline: float, plot_height: float) -> tuple[Tick, ...]:
    """The value axis from 0 to `top` (a `nice_ceiling`): five equal steps, or one per unit
    when the maximum is 1 or 2."""
    steps = TICKS if top % TICKS == 0 else top
    return tuple(
        Tick(top * step // steps, round(baseline - plot_height * step / steps, 1))
        for step in range(steps + 1)
    )


def bar_chart(points: Sequence[tuple[str, int]]) -> BarChart:
    """Bars for (label, value) points, left to right, on an axis from 0 to a round maximum."""
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    baseline = float(MARGIN_TOP + plot_height)
    top = nice_ceiling(max((value for _, value in points), default=0))
    slot = plot_width / max(len(points), 1)
    bars = tuple(
        _bar(label, value, left=MARGIN_LEFT + index * slot, slot=slot, top=top, baseline=baseline)
        for index, (label, value) in enumerate(points)
    )
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=MARGIN_LEFT,
        plot_right=WIDTH - MARGIN_RIGHT,
        baseline=baseline,
        label_y=baseline + 20,
        bars=bars,
        ticks=axis_ticks(top, baseline, plot_height),
    )


def _bar(label: str, value: int, *, left: float, slot: float, top: int, baseline: float) -> Bar:
    plot_height = baseline - MARGIN_TOP
    height = round(plot_height * max(value, 0) / top, 1)
    gap = slot * GAP_SHARE
    return Bar(
        label=label,
        value=value,
        x=round(left + gap / 2, 1),
        y=round(baseline - height, 1),
        width=round(slot - gap, 1),
        height=height,
    )
