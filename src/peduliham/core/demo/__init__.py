"""Demo data for `peduliham demo`: Kota Jambi's organisation and one account per role."""

# The core steps register themselves on import.
from peduliham.core.demo import accounts, kota_jambi
from peduliham.core.demo.registry import (
    DemoStep,
    StepReport,
    demo_step,
    load_demo,
    registered_steps,
)

__all__ = [
    "DemoStep",
    "StepReport",
    "accounts",
    "demo_step",
    "kota_jambi",
    "load_demo",
    "registered_steps",
]
