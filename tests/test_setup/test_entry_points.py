"""The `peduliham` console command and `python -m peduliham` run Django's commands."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run(command: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PEDULIHAM_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'entry.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(  # noqa: S603 - fixed commands
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_console_command_lists_peduliham_commands(tmp_path: Path) -> None:
    console = shutil.which("peduliham", path=str(Path(sys.executable).parent))
    assert console is not None, "pip install -e . installs the `peduliham` command"

    result = run([console, "help"], tmp_path)

    assert result.returncode == 0, result.stderr
    assert "[core]" in result.stdout
    assert "demo" in result.stdout
    assert "bench" in result.stdout


@pytest.mark.parametrize("command", ["check", "--version"])
def test_python_m_peduliham_runs_with_the_project_settings(tmp_path: Path, command: str) -> None:
    result = run([sys.executable, "-m", "peduliham", command], tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_the_demo_command_documents_its_options(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "peduliham", "demo", "--help"], tmp_path)

    assert result.returncode == 0, result.stderr
    assert "--no-serve" in result.stdout
    assert "--addr" in result.stdout


def test_find_python_names_an_interpreter_of_3_12_or_newer_that_really_runs(
    tmp_path: Path,
) -> None:
    root = Path(__file__).resolve().parents[2]
    found = run([str(root / "scripts" / "find-python")], tmp_path)
    assert found.returncode == 0, found.stderr

    version = run(
        [found.stdout.strip(), "-c", "import sys; print(sys.version_info >= (3, 12))"], tmp_path
    )

    assert version.stdout.strip() == "True"
