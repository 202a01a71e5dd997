"""Reading ahead in a background thread, so parsing overlaps the database's work.

While the main thread waits for PostgreSQL or SQLite to write a batch (both
drivers release the GIL while they wait), a reader thread parses the next
ones. The queue holds at most `depth` items, so memory stays bounded.
"""

import queue
import threading
from collections.abc import Iterator
from typing import Final

from django.utils import translation

_POLL_SECONDS: Final = 0.1


class _End:
    """Marks the end of the items."""


def prefetched[T](items: Iterator[T], *, depth: int = 2) -> Iterator[T]:
    """Yield `items` as a background thread produces them, up to `depth` ahead.

    An exception raised while producing is raised here, at the item it replaced.
    Leaving the loop early (an error, a kill) stops the thread and closes `items`.
    """
    pending: queue.Queue[T | _End | BaseException] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    language = translation.get_language()

    def hand_over(item: T | _End | BaseException) -> bool:
        while not stop.is_set():
            try:
                pending.put(item, timeout=_POLL_SECONDS)
            except queue.Full:
                continue
            return True
        return False

    def produce() -> None:
        if language:
            translation.activate(language)
        try:
            for item in items:
                if not hand_over(item):
                    return
            hand_over(_End())
        except BaseException as error:  # handed to the consumer, raised there
            hand_over(error)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name="peduliham-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = pending.get()
            if isinstance(item, _End):
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
