"""Write N synthetic ASN rows (Kota Jambi units, SIASN headers) to a CSV.

    .venv/bin/python scripts/generate_asn.py [PATH] [--rows 1000000] [--seed 2025]

The same seed and row count always give the same file.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import django

DEFAULT_ROWS = 1_000_000
DEFAULT_SEED = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "path",
        type=Path,
        nargs="?",
        help="the CSV to write (default: the benchmark's file under bench-data/)",
    )
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="number of data rows")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peduliham.settings")
    django.setup()  # the unit list lives beside the demo, which imports the models
    from peduliham.people.bench import DATA_DIR, dataset_name, generate_csv

    path = options.path or DATA_DIR / dataset_name(options.rows, options.seed)
    start = time.perf_counter()
    written = generate_csv(path, rows=options.rows, seed=options.seed)
    seconds = time.perf_counter() - start
    print(f"{written} rows written to {path} in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
