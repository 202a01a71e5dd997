"""Replaying the past through the real services.

The demo's finished event happened in October 2025; its selection, check-ins,
tests and closing go through the same services as today's work, which read the
time from `django.utils.timezone.now`. `happening_at` sets that clock for a
block, so every record and audit entry carries the time it would have had.
Only the demo loader uses it; nothing at run time does.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def happening_at(moment: datetime.datetime) -> Iterator[None]:
    """Run the block as if it were `moment` (an aware datetime)."""
    if timezone.is_naive(moment):
        raise ValueError("happening_at needs an aware datetime")
    with mock.patch.object(timezone, "now", return_value=moment):
        yield
