"""Background tasks of the core app.

Nothing business-specific lives here: `ping` proves that the task wiring works
(a worker started by `peduliham db_worker` picks it up; tests run it at once).
"""

from django.tasks import task


@task
def ping(message: str = "pong") -> str:
    """Return `message`; enqueue it to check that a worker is running."""
    return message
