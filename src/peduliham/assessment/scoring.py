"""Pure scoring rules of exams: per-person option order, percentages and the draw.

No ORM here: everything works on ids and plain numbers, so the rules are
tested without a database and give the same answer in every process.
"""

import random
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


def option_order(option_ids: Sequence[int], *, attempt_seed: int, question_id: int) -> list[int]:
    """The options of one question in the order one participant sees them.

    Stable: the same attempt seed and question always give the same order, so
    a reload, a new tab or another web process shows the same screen.
    """
    ordered = sorted(option_ids)
    random.Random(f"{attempt_seed}:{question_id}").shuffle(ordered)  # noqa: S311 - not security
    return ordered


def score_percent(correct: int, total: int) -> Decimal:
    """The share of correct answers in percent, two decimals, halves rounded up."""
    if total <= 0:
        return Decimal("0.00")
    return (Decimal(correct) * 100 / Decimal(total)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def passed(score: Decimal | None, pass_mark: int) -> bool:
    """Whether a score reaches the exam's pass mark."""
    return score is not None and score >= pass_mark


def draw_questions(
    pool: Mapping[str, Sequence[int]], blueprint: Mapping[str, int], *, seed: int
) -> list[int]:
    """Question ids drawn per topic as the blueprint asks, shuffled into the exam's order.

    `pool` lists the ids available per topic; a topic with fewer ids than the
    blueprint asks for raises ValueError naming the topic.
    """
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    drawn: list[int] = []
    for topic in sorted(blueprint):
        wanted = blueprint[topic]
        available = sorted(pool.get(topic, ()))
        if wanted > len(available):
            raise ValueError(topic)
        drawn.extend(rng.sample(available, wanted))
    rng.shuffle(drawn)
    return drawn


def split_evenly(total: int, topics: Sequence[str]) -> dict[str, int]:
    """`total` questions spread over `topics` as evenly as possible (first topics get more)."""
    if not topics:
        return {}
    base, extra = divmod(total, len(topics))
    return {topic: base + (1 if index < extra else 0) for index, topic in enumerate(topics)}
