"""Serving the demo: the development web server with one task worker beside it."""

import signal
import subprocess
import sys
from types import FrameType

WORKER_STOP_SECONDS = 10


def peduliham_command(*args: str) -> list[str]:
    """The command line that runs `peduliham <args>` with this interpreter."""
    return [sys.executable, "-m", "peduliham", *args]


def _interrupt_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(addr: str) -> int:
    """Run `runserver` on `addr` and one `db_worker`; stop the worker when the server exits.

    Returns the web server's exit code (0 after Ctrl-C).
    """
    previous = signal.signal(signal.SIGTERM, _interrupt_on_sigterm)
    worker = subprocess.Popen(peduliham_command("db_worker", "--no-reload"))  # noqa: S603
    server: subprocess.Popen[bytes] | None = None
    try:
        server = subprocess.Popen(peduliham_command("runserver", addr, "--noreload"))  # noqa: S603
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            _stop(server)
        _stop(worker)
        signal.signal(signal.SIGTERM, previous)
