"""Two provinces issuing at the same moment never share a certificate number."""

import threading

import pytest
from django.db import connection, connections, transaction

from peduliham.certificates.numbering import draw_block


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_blocks_of_one_year_do_not_overlap() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    start = threading.Barrier(4)
    blocks: list[range] = []

    def draw() -> None:
        try:
            start.wait()
            with transaction.atomic():
                blocks.append(draw_block(2025, 50))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = [n for block in blocks for n in block]
    assert sorted(numbers) == list(range(1, 201))
