"""Rebuild the bundled place points data/reference/province_points.csv and data/reference/district_points.csv
from the ``countrystatecity-countries`` package (GeoNames-derived, ODbL 1.0; credit in geo/PROVENANCE.md).

Usage (from the repository root; the package is needed only here, never at run time):

    .venv/bin/pip install countrystatecity-countries==2.0.1
    .venv/bin/python scripts/build_points.py

Province points: ``TH/states.json`` (``state_code`` = DOPA province code), the coordinates copied as written.
District seats: the places of ``TH/states/<code>/cities.json`` matched by name to the ``geothai`` districts of
the same province. A place matches a district when its English name equals the district's, or equals it after
dropping "Mueang " (the capital district) or a leading "Amphoe"/"King Amphoe"/"Ban"/"Mueang"; a town (exact
name) wins over an "Amphoe X" administrative point. The script prints the row counts and the files' sha256.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.store import reference  # noqa: E402  (needs ROOT on sys.path)

OUT_DIR = ROOT / "data" / "reference"


def _norm_en(name: str) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())


def province_points(root) -> list[tuple[str, str, str]]:
    """The 77 DOPA provinces' points (the package also lists Pattaya as a state "S"; it is no province)."""
    codes = set(reference.gazetteer_provinces()["province_code"])
    states = json.loads((root / "states.json").read_text(encoding="utf-8"))
    return sorted((s["state_code"], str(s["latitude"]), str(s["longitude"])) for s in states
                  if s["state_code"] in codes)


def district_points(root) -> list[tuple[str, str, str, str]]:
    dist = reference.districts()
    key: dict[tuple[str, str], str] = {}
    for r in dist.itertuples():
        for n in (r.name_en, re.sub(r"^Mueang ", "", r.name_en)):
            key.setdefault((r.province_code, _norm_en(n)), r.code)
    best: dict[str, tuple[int, float, float]] = {}
    for state in sorted(dist["province_code"].unique()):
        path = root / "states" / state / "cities.json"
        if not path.is_file():
            continue
        for city in json.loads(path.read_text(encoding="utf-8")):
            name = city["name"]
            code, rank = key.get((state, _norm_en(name))), 0
            if code is None:
                stripped = re.sub(r"^(Amphoe|King Amphoe|Ban|Mueang) ", "", name)
                code, rank = key.get((state, _norm_en(stripped))), 1
            if code is None or (code in best and best[code][0] <= rank):
                continue
            best[code] = (rank, float(city["latitude"]), float(city["longitude"]))
    # repr() of a float reads back to the same float
    return [(code, code[:2], repr(lat), repr(lon)) for code, (_, lat, lon) in sorted(best.items())]


def _write(path: Path, header: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows, sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")


def main() -> int:
    root = files("countrystatecity_countries") / "data" / "by-country" / "TH"
    _write(OUT_DIR / "province_points.csv", ["province_code", "lat", "lon"], province_points(root))
    _write(OUT_DIR / "district_points.csv", ["district_code", "province_code", "lat", "lon"], district_points(root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
