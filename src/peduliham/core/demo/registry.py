"""The demo loader: an ordered list of idempotent steps.

Each app adds its own demo data by defining a `demo` module (for example
`peduliham/training/demo.py`) with functions decorated by `demo_step`. The
loader imports those modules, runs the steps in order, each in its own
transaction, and reports what every step created. A step must check what
already exists and create only what is missing, so running the demo twice
changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.module_loading import autodiscover_modules


@dataclass
class StepReport:
    """What one step did: how many records it created, and lines worth printing."""

    created: int = 0
    notes: list[str] = field(default_factory=list)


type StepFunction = Callable[[], StepReport]


@dataclass(frozen=True, slots=True)
class DemoStep:
    name: str
    order: int
    run: StepFunction
    description: str = ""


_steps: dict[str, DemoStep] = {}


def demo_step(name: str, *, order: int) -> Callable[[StepFunction], StepFunction]:
    """Register a function as a demo step; lower `order` runs first.

    Orders used so far: 100 regions and units, 200 accounts. Later apps pick
    numbers after the data they build on (people 300, training 400, ...).
    """

    def register(function: StepFunction) -> StepFunction:
        description = (function.__doc__ or "").strip().splitlines()
        _steps[name] = DemoStep(
            name=name, order=order, run=function, description=description[0] if description else ""
        )
        return function

    return register


def registered_steps() -> list[DemoStep]:
    """Every step of every installed app, in the order they run."""
    autodiscover_modules("demo")
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def load_demo(
    *, on_step: Callable[[DemoStep, StepReport], None] | None = None
) -> list[tuple[DemoStep, StepReport]]:
    """Run every demo step; steps that find their data already present create nothing."""
    results: list[tuple[DemoStep, StepReport]] = []
    for step in registered_steps():
        with transaction.atomic():
            report = step.run()
        results.append((step, report))
        if on_step is not None:
            on_step(step, report)
    return results
