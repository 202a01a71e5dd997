"""Certificate numbers: drawn in blocks from a yearly national sequence, shaped by a pattern."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from peduliham.certificates.models import NumberSequence
from peduliham.certificates.numbering import (
    draw_block,
    format_number,
    numbers_for,
    validated_pattern,
)


def test_the_default_pattern_gives_sequence_region_and_year() -> None:
    assert format_number(42, year=2025, region="15.71") == "000042/SERT-HAM/15.71/2025"


def test_a_configured_pattern_shapes_the_numbers(settings: object, db: None) -> None:
    settings.CERTIFICATE_NUMBER_PATTERN = "HAM-{year}-{seq:05d}"  # type: ignore[attr-defined]
    with transaction.atomic():
        assert list(numbers_for(2026, "14.71", 2)) == ["HAM-2026-00001", "HAM-2026-00002"]


@pytest.mark.parametrize(
    "pattern",
    [
        "{seq:06d}/SERT-HAM",  # no year: numbers would repeat next year
        "{region}/{year}",  # no running number
        "{seq}/{year}/{unknown}",
        "{seq:06d}/{year",
        "{seq:q}/{year}",
        "{seq}/{year}/" + "X" * 80,
    ],
)
def test_a_pattern_that_cannot_be_unique_or_does_not_fit_is_refused(pattern: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        validated_pattern(pattern)


@pytest.mark.django_db
def test_blocks_of_one_year_follow_each_other_and_years_count_separately() -> None:
    with transaction.atomic():
        first = draw_block(2025, 3)
        second = draw_block(2025, 2)
        other_year = draw_block(2026, 1)
    assert list(first) == [1, 2, 3]
    assert list(second) == [4, 5]
    assert list(other_year) == [1]
    assert NumberSequence.objects.get(year=2025).last == 5


@pytest.mark.django_db
def test_an_empty_block_draws_nothing() -> None:
    assert list(draw_block(2025, 0)) == []
    assert not NumberSequence.objects.exists()


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=2000, max_value=2100))
def test_distinct_running_numbers_give_distinct_certificate_numbers(seq: int, year: int) -> None:
    assert format_number(seq, year=year, region="15.71") != format_number(
        seq + 1, year=year, region="15.71"
    )
