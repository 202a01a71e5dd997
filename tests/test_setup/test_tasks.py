"""Background work: tasks run at once in tests and go to the database queue elsewhere."""

from typing import Any

import pytest
from django.tasks import TaskResultStatus, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from peduliham import settings as project_settings
from peduliham.core.tasks import ping


def test_tasks_run_immediately_in_tests() -> None:
    result = ping.enqueue("halo")

    assert isinstance(task_backends["default"], ImmediateBackend)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "halo"


def test_the_configured_default_backend_is_the_database_backend() -> None:
    assert project_settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


@pytest.mark.django_db
def test_a_database_worker_runs_an_enqueued_task(settings: Any) -> None:
    settings.TASKS = project_settings.TASKS
    result = ping.enqueue("dari antrean")
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.READY

    stored.claim("test-worker")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run_task(stored)

    finished = ping.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == "dari antrean"
