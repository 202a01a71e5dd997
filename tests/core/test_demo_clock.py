import datetime

import pytest
from django.utils import timezone

from peduliham.core.demo.clock import happening_at

MOMENT = datetime.datetime(2025, 10, 27, 7, 42, tzinfo=datetime.UTC)


def test_inside_the_block_now_is_the_given_moment() -> None:
    with happening_at(MOMENT):
        assert timezone.now() == MOMENT
    assert timezone.now() > MOMENT


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"), happening_at(MOMENT.replace(tzinfo=None)):
        pass
