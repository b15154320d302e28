"""Municipality points: the registry lat/lon, else the district seat, else the province point.

No package ships municipality (LAO) coordinates or district polygons (``shared/reference/thai-geodata.md``), so a
municipality without its own lat/lon is drawn at the seat town of its district, and failing that at its
province's point. District seats come from the ``countrystatecity-countries`` package (GeoNames-derived, ODbL
1.0): its places are matched by name to ``geothai`` districts within the same province (887 of 928 districts);
province points come from the same package via ``data.reference.provinces`` (77/77). These are seat towns,
not polygon centroids.
"""
from __future__ import annotations

import dataclasses
import json
import math
import re
from functools import lru_cache
from importlib.resources import files

import pandas as pd

from data.store import reference

POINT_SOURCES = ("registry", "district", "province")
# A registry point outside this box is not in Thailand (swapped or mistyped lat/lon) and is not used.
THAILAND_BBOX = {"lat": (5.5, 20.6), "lon": (97.3, 105.7)}
# Longest first, so that "เทศบาลตำบล" is stripped before a shorter prefix could match.
_TH_PREFIXES = sorted(["เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด",
                       "อบต.", "อบจ.", "ทน.", "ทม.", "ทต.", "เมือง", "อำเภอ", "เขต"], key=len, reverse=True)
_EN_SUFFIXES = re.compile(r"\s+(city|town|subdistrict)?\s*(municipality|sao|pao|administrative organi[sz]ation)$",
                          re.IGNORECASE)


def _norm_en(name: str) -> str:
    return re.sub(r"[^a-z]", "", str(name).lower())


def _strip_th(name: str) -> str:
    name = str(name).strip()
    for _ in range(2):  # "เทศบาลเมือง" then a district's own "เมือง"
        for prefix in _TH_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix):]
                break
    return name.replace(" ", "")


def _strip_en(name: str) -> str:
    name = _EN_SUFFIXES.sub("", str(name).strip())
    return _norm_en(re.sub(r"^(Mueang|Amphoe|Khet|Ban)\s+", "", name))


@lru_cache(maxsize=1)
def district_points() -> pd.DataFrame:
    """Seat-town point of each district it can place: district_code, province_code, lat, lon (887 of 928 rows).

    A place matches a district of its province when its English name equals the district's, or equals it after
    dropping "Mueang " (the capital district) or a leading "Amphoe"/"King Amphoe"/"Ban"/"Mueang". A town
    (exact name) wins over an "Amphoe X" administrative point.
    """
    root = files("countrystatecity_countries") / "data" / "by-country" / "TH"
    dist = reference.districts()
    key: dict[tuple[str, str], str] = {}
    for r in dist.itertuples():
        for n in (r.name_en, re.sub(r"^Mueang ", "", r.name_en)):
            key.setdefault((r.province_code, _norm_en(n)), r.code)
    best: dict[str, tuple[int, float, float]] = {}
    for state in sorted(reference.provinces()["province_code"]):
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
    rows = [(code, code[:2], lat, lon) for code, (_, lat, lon) in sorted(best.items())]
    return pd.DataFrame(rows, columns=["district_code", "province_code", "lat", "lon"])


@lru_cache(maxsize=1)
def _name_index() -> dict[tuple[str, str], str]:
    """(province_code, stripped Thai or normalised English name) -> district code, districts before subdistricts."""
    import geothai

    index: dict[tuple[str, str], str] = {}
    dist = reference.districts()
    for r in dist.itertuples():
        index.setdefault((r.province_code, "th:" + _strip_th(r.name_th)), r.code)
        index.setdefault((r.province_code, "en:" + _strip_en(r.name_en)), r.code)
    # a subdistrict name leads to its district only when no other district of the province has one so named
    seen: dict[tuple[str, str], set[str]] = {}
    for d in dist.itertuples():
        for s in geothai.subdistricts(d.code):
            for k in ("th:" + _strip_th(s.name_th), "en:" + _strip_en(s.name_en)):
                seen.setdefault((d.province_code, k), set()).add(d.code)
    for k, codes in seen.items():
        if len(codes) == 1 and k not in index:
            index[k] = next(iter(codes))
    return index


def resolve_district(province_code: str, code=None, name_th=None, name_en=None, district_code=None) -> str | None:
    """The DOPA district of a municipality, or None.

    In order: a given ``district_code`` of that province; the Thai then English name without its type prefix
    or suffix, matched to a district (or to a subdistrict unique to one district) of the province; the first
    four digits of a seven-digit LAO code that begins with the province code (the layout the demo data uses).
    """
    pcode = str(province_code)
    districts = _districts_of(pcode)
    if district_code is not None and not pd.isna(district_code) and str(district_code) in districts:
        return str(district_code)
    index = _name_index()
    for key in (("th:" + _strip_th(name_th)) if _present(name_th) else None,
                ("en:" + _strip_en(name_en)) if _present(name_en) else None):
        if key and (pcode, key) in index:
            return index[(pcode, key)]
    if _present(code):
        c = str(code)
        if len(c) == 7 and c.isdigit() and c[:2] == pcode and c[:4] in districts:
            return c[:4]
    return None


@lru_cache(maxsize=128)
def _districts_of(province_code: str) -> frozenset[str]:
    dist = reference.districts()
    return frozenset(dist.loc[dist["province_code"] == province_code, "code"])


def _present(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v)) and not pd.isna(v) and str(v) != ""


def _valid_point(lat, lon) -> bool:
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return False
    return (THAILAND_BBOX["lat"][0] <= lat <= THAILAND_BBOX["lat"][1]
            and THAILAND_BBOX["lon"][0] <= lon <= THAILAND_BBOX["lon"][1])


def municipality_points(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every lat/lon filled where possible and a ``point_source`` column.

    ``point_source`` is ``registry`` (the row's own lat/lon, kept when inside Thailand), ``district`` (the
    seat town of the district found by ``resolve_district``), ``province`` (the province point) or None
    (unknown province: lat/lon stay missing). Needs ``province_code``; uses ``lat``, ``lon``, ``code``,
    ``name_th``, ``name_en`` and ``district_code`` when present.
    """
    if "province_code" not in df.columns:
        raise ValueError("municipality frame needs a province_code column / ตารางเทศบาลต้องมีคอลัมน์ province_code")
    out = df.copy()
    for col in ("lat", "lon"):
        if col not in out.columns:
            out[col] = None
    dpts = district_points().set_index("district_code")
    ppts = reference.provinces().set_index("province_code")
    lats, lons, sources = [], [], []
    col = {c: (out[c].tolist() if c in out.columns else [None] * len(out))
           for c in ("code", "name_th", "name_en", "district_code")}
    for i, (pcode, lat, lon) in enumerate(zip(out["province_code"], out["lat"], out["lon"])):
        if _valid_point(lat, lon):
            lats.append(float(lat)), lons.append(float(lon)), sources.append("registry")
            continue
        pcode = None if not _present(pcode) else str(pcode).zfill(2)
        if pcode is None or pcode not in ppts.index:
            lats.append(None), lons.append(None), sources.append(None)
            continue
        dcode = resolve_district(pcode, col["code"][i], col["name_th"][i], col["name_en"][i],
                                 col["district_code"][i])
        if dcode is not None and dcode in dpts.index:
            p = dpts.loc[dcode]
            lats.append(float(p["lat"])), lons.append(float(p["lon"])), sources.append("district")
        else:
            p = ppts.loc[pcode]
            lats.append(float(p["lat"])), lons.append(float(p["lon"])), sources.append("province")
    out["lat"] = pd.array(lats, dtype="Float64")
    out["lon"] = pd.array(lons, dtype="Float64")
    out["point_source"] = pd.array(sources, dtype="string")
    return out
