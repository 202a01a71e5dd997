"""Certificate numbers: a configurable pattern over a national running number per year.

The running number lives in NumberSequence (one row per year). A whole event
draws its block of numbers with one `UPDATE ... RETURNING`, which the
database serialises, so two events issued at the same moment in different
provinces never share a number. The pattern must contain `{seq}` and
`{year}`: the running number restarts every year, so only the pair is unique.
"""

import functools
import string
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from peduliham.certificates.models import Certificate, NumberSequence

FIELDS = frozenset({"seq", "year", "region"})
REQUIRED = frozenset({"seq", "year"})
MAX_LENGTH = Certificate._meta.get_field("number").max_length or 80
#: The longest values a number can carry, to check the pattern fits the column.
_WIDEST = {"seq": 99_999_999, "year": 9999, "region": "99.99.99.9999"}


@functools.cache
def validated_pattern(pattern: str) -> str:
    """The pattern itself if it names only known fields, includes seq and year and fits."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name}
        sample = pattern.format(**_WIDEST)
    except (ValueError, KeyError, IndexError) as error:
        raise ImproperlyConfigured(f"CERTIFICATE_NUMBER_PATTERN is invalid: {error}") from error
    if not names.issubset(FIELDS) or not REQUIRED.issubset(names):
        raise ImproperlyConfigured(
            "CERTIFICATE_NUMBER_PATTERN may use {seq}, {year} and {region} "
            "and must contain {seq} and {year}."
        )
    if len(sample) > MAX_LENGTH:
        raise ImproperlyConfigured(f"CERTIFICATE_NUMBER_PATTERN makes numbers over {MAX_LENGTH}.")
    return pattern


def current_pattern() -> str:
    return validated_pattern(settings.CERTIFICATE_NUMBER_PATTERN)


def format_number(seq: int, *, year: int, region: str, pattern: str | None = None) -> str:
    """One certificate number, e.g. `000123/SERT-HAM/15.71/2025`."""
    return validated_pattern(pattern or current_pattern()).format(seq=seq, year=year, region=region)


def draw_block(year: int, count: int) -> range:
    """Reserve `count` consecutive running numbers of `year`; call inside a transaction."""
    if count <= 0:
        return range(0)
    NumberSequence.objects.bulk_create([NumberSequence(year=year)], ignore_conflicts=True)
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + %s WHERE year = %s RETURNING last",  # noqa: S608 - table name from the model, values bound
            [count, year],
        )
        row = cursor.fetchone()
    last = int(row[0])
    return range(last - count + 1, last + 1)


def numbers_for(year: int, region: str, count: int) -> Sequence[str]:
    """`count` fresh certificate numbers of an event held in `year` by `region`."""
    pattern = current_pattern()
    return [
        format_number(seq, year=year, region=region, pattern=pattern)
        for seq in draw_block(year, count)
    ]
