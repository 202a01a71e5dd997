"""Learning gain and item analysis: pure arithmetic over plain values (no ORM).

Scores are percentages (0-100). Hake's normalised gain measures how much of
the room for improvement a participant used:

    g = (post - pre) / (100 - pre)

It is undefined for a perfect pre-test (nothing left to gain): such a person
gets `None` and is left out of the mean of individual gains. The event's
"class" gain <g> applies the same formula to the mean pre and mean post of
the *paired* participants (both tests submitted), as Hake (1998) defines it.

Item analysis follows classical test theory: the difficulty index p is the
share of attempts answering the item correctly; discrimination is the
point-biserial correlation between the item (1 correct, 0 otherwise, an
unanswered item counting as 0) and the *corrected* item-total, i.e. the
attempt's number of correct answers on the other items of the exam (the
total minus this item), so an item is not correlated with itself.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

#: Difficulty outside [P_LOW, P_HIGH] says little about who learned what.
P_LOW: Final = 0.2
P_HIGH: Final = 0.9
#: Below this, the item does not separate stronger from weaker participants.
R_MIN: Final = 0.2
PERCENT: Final = 100.0


class ItemFlag(StrEnum):
    TOO_HARD = "too_hard"  # p < P_LOW
    TOO_EASY = "too_easy"  # p > P_HIGH
    LOW_DISCRIMINATION = "low_discrimination"  # r_pb < R_MIN, or undefined
    UNUSED_OPTION = "unused_option"  # an option nobody chose


@dataclass(frozen=True, slots=True)
class PersonScores:
    """One participant's pre- and post-test score in percent (None: not submitted)."""

    key: int
    pre: float | None
    post: float | None

    @property
    def paired(self) -> bool:
        return self.pre is not None and self.post is not None

    @property
    def gain(self) -> float | None:
        return normalised_gain(self.pre, self.post)


@dataclass(frozen=True, slots=True)
class GainSummary:
    """Scores and gain of a group of participants.

    `mean_pre`/`mean_post`/`class_gain` are over the `paired` participants;
    `mean_gain` over the `gain_count` paired ones whose pre-test was below
    100; `passed` counts the `post_takers` whose post score reached the pass mark.
    """

    participants: int
    paired: int
    mean_pre: float | None
    mean_post: float | None
    class_gain: float | None
    mean_gain: float | None
    gain_count: int
    post_takers: int
    passed: int

    @property
    def pass_share(self) -> float | None:
        """Share (0-1) of post-test takers at or above the pass mark."""
        return self.passed / self.post_takers if self.post_takers else None

    @property
    def pass_percent(self) -> float | None:
        share = self.pass_share
        return None if share is None else 100 * share


def normalised_gain(pre: float | None, post: float | None) -> float | None:
    """Hake's g for one person; None when a score is missing or the pre-test was perfect."""
    if pre is None or post is None or pre >= PERCENT:
        return None
    return (post - pre) / (PERCENT - pre)


def mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def summarise(people: Iterable[PersonScores], *, pass_mark: float | None) -> GainSummary:
    """The group's means, class gain, mean individual gain and pass count.

    `pass_mark` None (no post-test) counts nobody as passed.
    """
    group = list(people)
    paired = [p for p in group if p.paired]
    mean_pre = mean([p.pre for p in paired if p.pre is not None])
    mean_post = mean([p.post for p in paired if p.post is not None])
    gains = [g for g in (p.gain for p in paired) if g is not None]
    posts = [p.post for p in group if p.post is not None]
    passed = 0 if pass_mark is None else sum(1 for score in posts if score >= pass_mark)
    return GainSummary(
        participants=len(group),
        paired=len(paired),
        mean_pre=mean_pre,
        mean_post=mean_post,
        class_gain=normalised_gain(mean_pre, mean_post),
        mean_gain=mean(gains),
        gain_count=len(gains),
        post_takers=len(posts),
        passed=passed,
    )


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """One question of an exam: its key, options (in bank order) and the correct option."""

    key: int
    options: tuple[int, ...]
    correct: int


@dataclass(frozen=True, slots=True)
class ItemStats:
    key: int
    attempts: int
    correct: int
    difficulty: float | None  # p, share correct
    discrimination: float | None  # r_pb with the corrected item-total
    option_counts: tuple[tuple[int, int], ...]  # (option, times chosen), bank order
    unanswered: int
    flags: tuple[ItemFlag, ...]

    @property
    def unused_options(self) -> tuple[int, ...]:
        return tuple(option for option, count in self.option_counts if count == 0)

    @property
    def is_weak(self) -> bool:
        return bool(self.flags)


def point_biserial(item: Sequence[int], rest: Sequence[float]) -> float | None:
    """Pearson's r between a 0/1 item vector and the rest scores; None if either is constant."""
    n = len(item)
    if n < 2 or n != len(rest):
        return None
    mean_item, mean_rest = math.fsum(item) / n, math.fsum(rest) / n
    covariance = math.fsum(
        (x - mean_item) * (y - mean_rest) for x, y in zip(item, rest, strict=True)
    )
    spread_item = math.fsum((x - mean_item) ** 2 for x in item)
    spread_rest = math.fsum((y - mean_rest) ** 2 for y in rest)
    if spread_item == 0 or spread_rest == 0:
        return None
    return covariance / math.sqrt(spread_item * spread_rest)


def analyse_items(
    items: Sequence[ItemSpec], answers: Mapping[int, Mapping[int, int]]
) -> list[ItemStats]:
    """Statistics of every item over the submitted attempts.

    `answers` maps each submitted attempt to {item key: chosen option}; an
    attempt with no answers at all still counts (every item wrong).
    """
    marks = {
        attempt: [int(chosen.get(item.key) == item.correct) for item in items]
        for attempt, chosen in answers.items()
    }
    totals = {attempt: sum(row) for attempt, row in marks.items()}
    return [_item_stats(item, index, answers, marks, totals) for index, item in enumerate(items)]


def _item_stats(
    item: ItemSpec,
    index: int,
    answers: Mapping[int, Mapping[int, int]],
    marks: Mapping[int, list[int]],
    totals: Mapping[int, int],
) -> ItemStats:
    vector = [row[index] for row in marks.values()]
    rest = [float(totals[attempt] - row[index]) for attempt, row in marks.items()]
    chosen = [picked.get(item.key) for picked in answers.values()]
    counts = tuple((option, chosen.count(option)) for option in item.options)
    n = len(vector)
    difficulty = sum(vector) / n if n else None
    discrimination = point_biserial(vector, rest)
    return ItemStats(
        key=item.key,
        attempts=n,
        correct=sum(vector),
        difficulty=difficulty,
        discrimination=discrimination,
        option_counts=counts,
        unanswered=chosen.count(None),
        flags=item_flags(difficulty, discrimination, counts) if n else (),
    )


def item_flags(
    difficulty: float | None,
    discrimination: float | None,
    option_counts: Sequence[tuple[int, int]],
) -> tuple[ItemFlag, ...]:
    """Why an item needs a look (empty: it behaves)."""
    flags: list[ItemFlag] = []
    if difficulty is not None and difficulty < P_LOW:
        flags.append(ItemFlag.TOO_HARD)
    if difficulty is not None and difficulty > P_HIGH:
        flags.append(ItemFlag.TOO_EASY)
    if discrimination is None or discrimination < R_MIN:
        flags.append(ItemFlag.LOW_DISCRIMINATION)
    if any(count == 0 for _, count in option_counts):
        flags.append(ItemFlag.UNUSED_OPTION)
    return tuple(flags)
