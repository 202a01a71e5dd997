"""Constants and helpers shared by the browser tests (fixtures live in conftest.py)."""

from typing import Any

from playwright.sync_api import ViewportSize

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
NARROW: ViewportSize = {"width": 320, "height": 640}


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per axe violation: rule, impact, help text and the offending nodes."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)
