"""Serving the demo: one worker beside the web server, stopped when the server stops."""

import subprocess
import sys
from pathlib import Path

import pytest

from peduliham.core.demo import serve as serve_module


@pytest.fixture
def fake_commands(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Replace `peduliham db_worker` with a sleeper and `runserver` with a script that exits 3."""
    worker = "import time; time.sleep(60)"
    server = (
        "import pathlib, sys\n"
        f"pathlib.Path({str(tmp_path / 'server.args')!r}).write_text(' '.join(sys.argv[1:]))\n"
        "sys.exit(3)\n"
    )

    def command(*args: str) -> list[str]:
        script = worker if args[0] == "db_worker" else server
        return [sys.executable, "-c", script, *args]

    monkeypatch.setattr(serve_module, "peduliham_command", command)
    return tmp_path


def test_it_stops_the_worker_when_the_server_exits(
    fake_commands: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[list[str], subprocess.Popen[bytes]]] = []
    real_popen = subprocess.Popen

    def recording_popen(args: list[str]) -> subprocess.Popen[bytes]:
        process = real_popen(args)
        started.append((args, process))
        return process

    monkeypatch.setattr("subprocess.Popen", recording_popen)

    exit_code = serve_module.serve("127.0.0.1:8123")

    assert exit_code == 3
    assert (fake_commands / "server.args").read_text() == "runserver 127.0.0.1:8123 --noreload"
    worker_args, worker = started[0]
    assert worker_args[-2:] == ["db_worker", "--no-reload"]
    assert worker.returncode is not None, "the worker was stopped and reaped"


def test_the_real_commands_run_peduliham_with_this_interpreter() -> None:
    assert serve_module.peduliham_command("db_worker") == [
        sys.executable,
        "-m",
        "peduliham",
        "db_worker",
    ]
