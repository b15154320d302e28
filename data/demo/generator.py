"""Deterministic synthetic demo data (fixed seed).

Province, district and subdistrict names and codes are real (``geothai``); every municipality record and
every number is synthetic. Per-capita quantities are chosen so that totals fall in the ranges of published
Thai cases (``shared/reference/domain-facts.md`` §6): a municipal CFO of a few hundred to ~20,000 tCO2e
(landfill-dominated where the municipality runs one, as in the Songkhla case) and a city inventory of
roughly 1-4 tCO2e per person (Muang Phayao, Dan Sai).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.store import reference

DEFAULT_SEED = 20151  # the LCRS project year, 2015, plus 1

TYPE_DIGIT = {"nakhon": "1", "mueang": "2", "tambon": "3", "sao": "4", "pao": "5", "special": "6"}
TYPE_PREFIX_TH = {"nakhon": "เทศบาลนคร", "mueang": "เทศบาลเมือง", "tambon": "เทศบาลตำบล",
                  "sao": "องค์การบริหารส่วนตำบล", "pao": "องค์การบริหารส่วนจังหวัด", "special": ""}
TYPE_SUFFIX_EN = {"nakhon": "City Municipality", "mueang": "Town Municipality",
                  "tambon": "Subdistrict Municipality", "sao": "SAO", "pao": "PAO", "special": ""}
# (min, max) population and area (km2) by type
POP_RANGE = {"nakhon": (50_000, 250_000), "mueang": (10_000, 60_000), "tambon": (2_000, 15_000),
             "sao": (2_000, 12_000), "pao": (300_000, 1_500_000), "special": (100_000, 5_500_000)}
AREA_RANGE = {"nakhon": (20, 100), "mueang": (5, 40), "tambon": (3, 50), "sao": (30, 150),
              "pao": (2_000, 12_000), "special": (50, 1_500)}

# National mix (issue 8): about 30 city, 195 town, ~2,250 subdistrict municipalities, ~5,300 SAOs, 76 PAOs
# and the two special administrations = 7,853 LAOs.
NATIONAL_MIX = {"nakhon": 30, "mueang": 195, "tambon": 2250, "sao": 5300, "pao": 76, "special": 2}

# CFO items: activity key -> (per-capita annual quantity range, data quality)
CFO_ITEMS = {
    "electricity_kwh": ((15.0, 35.0), "H"),
    "diesel_onroad_l": ((2.0, 5.0), "H"),
    "gasohol_e10_onroad_l": ((0.5, 2.0), "H"),
    "diesel_stationary_l": ((0.05, 0.3), "M"),
    "diesel_offroad_l": ((0.1, 0.6), "M"),
    "lpg_stationary_kg": ((0.05, 0.2), "M"),
    "tap_water_pwa_m3": ((0.5, 1.5), "H"),
    "paper_kg": ((0.1, 0.3), "M"),
}
# city-wide (CCF) items: (activity key, GPC ref, per-capita range, data quality)
CCF_ITEMS = [
    ("lpg_stationary_kg", "I.1.1", (10.0, 20.0), "M"),
    ("electricity_kwh", "I.1.2", (700.0, 1300.0), "H"),
    ("diesel_stationary_l", "I.2.1", (2.0, 8.0), "L"),
    ("electricity_kwh", "I.2.2", (400.0, 1200.0), "H"),
    ("diesel_stationary_l", "I.3.1", (0.0, 20.0), "L"),
    ("gasohol_e10_onroad_l", "II.1.1", (100.0, 200.0), "M"),
    ("diesel_onroad_l", "II.1.1", (80.0, 160.0), "M"),
    ("gasohol_e10_onroad_l", "II.1.3", (10.0, 30.0), "L"),
    ("diesel_offroad_l", "II.5.1", (1.0, 5.0), "L"),
    ("wastewater_septic_person_yr", "III.4.1", (1.0, 1.0), "M"),
]
TD_LOSS_SHARE = 0.06  # transmission & distribution losses on city electricity (GPC I.x.3, BASIC+)


@dataclass
class DemoData:
    """The generated tables, ready to insert."""
    municipality: pd.DataFrame
    activity: pd.DataFrame
    ccf_notation: pd.DataFrame
    indicator_value: pd.DataFrame
    action: pd.DataFrame
    scorecard: pd.DataFrame
    scale: str
    seed: int

    def tables(self) -> dict[str, pd.DataFrame]:
        """Table name -> rows, in insertion order."""
        return {"municipality": self.municipality, "activity": self.activity, "ccf_notation": self.ccf_notation,
                "indicator_value": self.indicator_value, "action": self.action, "scorecard": self.scorecard}


def demo_years(scale: str) -> list[int]:
    """Years covered: 2015-2025 for the demo set, the ten years 2016-2025 for the national set."""
    return list(range(2015, 2026)) if scale == "demo" else list(range(2016, 2026))


def generate(scale: str = "demo", seed: int = DEFAULT_SEED) -> DemoData:
    """Build the whole synthetic data set for ``scale`` ('demo' ~60 LAOs, 'national' ~7,850 LAOs)."""
    if scale not in ("demo", "national"):
        raise ValueError(f"unknown scale {scale!r}")
    rng = np.random.default_rng(seed)
    years = demo_years(scale)
    muni = _municipalities(scale, rng)
    cfo = _cfo_activity(muni, years, rng, monthly=(scale == "demo"))
    ccf, notation = _ccf_activity(muni, years, rng)
    activity = pd.concat([cfo, ccf], ignore_index=True)
    units = reference.read_reference_csv("emission_factors.csv").groupby("activity")["unit"].first()
    activity["unit"] = activity["activity"].map(units).astype(str)
    from data.demo import indicator_records

    lcrs = indicator_records.generate_lcrs(muni, years, rng)
    return DemoData(muni, activity, notation, lcrs["indicator_value"], lcrs["action"], lcrs["scorecard"],
                    scale, seed)


# --- municipalities -----------------------------------------------------------------------------------------

def _gazetteer():
    """Provinces and districts (DataFrames) and every subdistrict (``geothai`` records), in gazetteer order."""
    import geothai

    prov = reference.provinces()
    dist = reference.districts()
    sub = [s for p in geothai.provinces() for d in geothai.districts(p.code) for s in geothai.subdistricts(d.code)]
    return prov, dist, sub


def _strip_mueang(name_th: str, name_en: str) -> tuple[str, str]:
    th = name_th.removeprefix("เขต").removeprefix("อำเภอ")
    th = th[len("เมือง"):] if th.startswith("เมือง") and len(th) > len("เมือง") else th
    en = name_en[len("Mueang "):] if name_en.startswith("Mueang ") else name_en
    return th, en


def _municipalities(scale: str, rng: np.random.Generator) -> pd.DataFrame:
    """One row per LAO of the plan: real district-based code, real place name, synthetic size and position.

    Plain Python lists and dicts inside the loop: pandas row access and ``isin`` per row made the national
    set (7,853 LAOs) take two minutes. The random draws are made in the same order as before, so a seed
    still gives the same municipalities.
    """
    prov, dist, sub = _gazetteer()
    plan = _demo_plan(prov, rng) if scale == "demo" else _national_plan(prov, rng)
    prov_point = {c: (la, lo) for c, la, lo in zip(prov["province_code"], prov["lat"], prov["lon"])}
    prov_name = {c: (th, en) for c, th, en in zip(prov["province_code"], prov["name_th"], prov["name_en"])}
    dist_by_prov: dict[str, list[tuple[str, str, str]]] = {}
    for code, th, en, pcode in zip(dist["code"], dist["name_th"], dist["name_en"], dist["province_code"]):
        dist_by_prov.setdefault(pcode, []).append((code, th, en))
    sub_by_dist: dict[str, list[tuple[str, str, str]]] = {}
    for s in sub:
        sub_by_dist.setdefault(s.district_code, []).append((s.code, s.name_th, s.name_en))
    used_codes: set[str] = set()
    used_sub: set[str] = set()
    city_districts: set[str] = set()  # districts that already hold a city or town municipality
    cols: dict[str, list] = {k: [] for k in ("code", "name_th", "name_en", "type", "province_code",
                                             "population", "area_km2", "lat", "lon")}
    for typ, pcode in plan:
        ds = dist_by_prov[pcode]
        if typ in ("pao", "special"):
            d = ds[0]
            if typ == "pao":
                base_th, base_en = prov_name[pcode]
            else:
                base_th, base_en = ("กรุงเทพมหานคร", "Bangkok Metropolitan Administration") if pcode == "10" \
                    else ("เมืองพัทยา", "Pattaya City")
        elif typ in ("nakhon", "mueang"):
            # the capital district (first) hosts the first city/town of a province
            d = ds[0] if ds[0][0] not in city_districts else ds[int(rng.integers(len(ds)))]
            base_th, base_en = _strip_mueang(d[1], d[2])
        else:
            d = ds[int(rng.integers(len(ds)))]
            free = [s for s in sub_by_dist.get(d[0], ()) if s[0] not in used_sub]
            if free:
                s = free[int(rng.integers(len(free)))]
                used_sub.add(s[0])
                base_th, base_en = s[1], s[2]
            else:
                base_th, base_en = _strip_mueang(d[1], d[2])
        seq = 1
        while f"{d[0]}{TYPE_DIGIT[typ]}{seq:02d}" in used_codes:
            seq += 1
        code = f"{d[0]}{TYPE_DIGIT[typ]}{seq:02d}"
        used_codes.add(code)
        if typ in ("nakhon", "mueang"):
            city_districts.add(d[0])
        lo, hi = POP_RANGE[typ]
        pop = int(np.exp(rng.uniform(np.log(lo), np.log(hi))))
        alo, ahi = AREA_RANGE[typ]
        area = round(float(rng.uniform(alo, ahi)), 2)
        jitter = 0.02 if typ in ("pao", "special") else 0.25
        plat, plon = prov_point[pcode]
        lat = round(float(plat + rng.uniform(-jitter, jitter)), 5)
        lon = round(float(plon + rng.uniform(-jitter, jitter)), 5)
        for k, v in (("code", code), ("name_th", f"{TYPE_PREFIX_TH[typ]}{base_th}"),
                     ("name_en", f"{base_en} {TYPE_SUFFIX_EN[typ]}".strip()), ("type", typ),
                     ("province_code", pcode), ("population", pop), ("area_km2", area), ("lat", lat),
                     ("lon", lon)):
            cols[k].append(v)
    muni = pd.DataFrame(cols)
    return _assign_roles(muni, scale, rng)


def _demo_plan(prov: pd.DataFrame, rng: np.random.Generator) -> list[tuple[str, str]]:
    """16 pilots (2-3 replicating cities each, 40 in all) and 4 network members, across all 6 regions."""
    by_region = {r: list(g["province_code"]) for r, g in prov.groupby("region_code")}
    regions = sorted(by_region)
    pilot_types = ["nakhon", "mueang", "mueang", "tambon"]
    plan = []
    for i in range(16):
        region = regions[i % len(regions)]
        pcode = by_region[region][int(rng.integers(len(by_region[region])))]
        plan.append((pilot_types[i % len(pilot_types)], pcode))
        for _ in range(2 + (i % 2)):
            plan.append((["mueang", "tambon", "tambon"][int(rng.integers(3))], pcode))
    for i in range(4):
        region = regions[(i * 2 + 1) % len(regions)]
        pcode = by_region[region][int(rng.integers(len(by_region[region])))]
        plan.append((["tambon", "mueang"][i % 2], pcode))
    return plan


def _national_plan(prov: pd.DataFrame, rng: np.random.Generator) -> list[tuple[str, str]]:
    codes = list(prov["province_code"])
    plan = [("pao", c) for c in codes if c != "10"][:76]
    plan += [("special", "10"), ("special", "20")]
    big = codes.copy()
    rng.shuffle(big)
    plan += [("nakhon", big[i % len(big)]) for i in range(NATIONAL_MIX["nakhon"])]
    plan += [("mueang", codes[int(rng.integers(len(codes)))]) for _ in range(NATIONAL_MIX["mueang"])]
    plan += [("tambon", codes[int(rng.integers(len(codes)))]) for _ in range(NATIONAL_MIX["tambon"])]
    plan += [("sao", codes[int(rng.integers(len(codes)))]) for _ in range(NATIONAL_MIX["sao"])]
    return plan


def _assign_roles(muni: pd.DataFrame, scale: str, rng: np.random.Generator) -> pd.DataFrame:
    """Network roles (pilot, replicating with its mentor pilot, network member), joined and base years.

    Works on Python lists (``.at`` per row was slow at national scale) with the draws in row order.
    """
    n = len(muni)
    codes = muni["code"].tolist()
    role: list[str | None] = [None] * n
    mentor: list[str | None] = [None] * n
    if scale == "demo":
        # plan order: pilot, its 2-3 replicating cities, next pilot ...; the last 4 are network members
        mentor_code = None
        pilots_seen = 0
        for i in range(n - 4):
            if pilots_seen < 16 and (i == 0 or _is_pilot_slot(i)):
                role[i] = "pilot"
                mentor_code = codes[i]
                pilots_seen += 1
            else:
                role[i] = "replicating"
                mentor[i] = mentor_code
        for i in range(n - 4, n):
            role[i] = "network"
    else:
        eligible = np.flatnonzero(muni["type"].isin(["nakhon", "mueang", "tambon"]).to_numpy())
        chosen = rng.choice(eligible, size=15 + 40 + 173, replace=False)
        pilots, reps, network = chosen[:15], chosen[15:55], chosen[55:]
        for i in pilots:
            role[i] = "pilot"
        for j, r in enumerate(reps):
            role[r] = "replicating"
            mentor[r] = codes[pilots[j % 15]]
        for i in network:
            role[i] = "network"
    joined: list[int | None] = [None] * n
    base: list[int | None] = [None] * n
    first_pilot_base = 2015 if scale == "demo" else 2016
    for i, r in enumerate(role):
        if r == "pilot":
            joined[i] = 2015
            base[i] = int(rng.integers(first_pilot_base, 2019))
        elif r == "replicating":
            joined[i] = int(rng.integers(2016, 2020))
            base[i] = joined[i]
        elif r == "network" and rng.random() < 0.75:
            joined[i] = int(rng.integers(2015, 2022))
            base[i] = max(joined[i], 2016)
        elif r is None and rng.random() < 0.3:
            base[i] = int(rng.integers(2016, 2021))
    muni = muni.copy()
    muni["role"] = pd.Series(role, index=muni.index, dtype=object)
    muni["mentor_code"] = pd.Series(mentor, index=muni.index, dtype=object)
    muni["base_year"] = pd.array(base, dtype="Int64")
    muni["joined_year"] = pd.array(joined, dtype="Int64")
    return muni


_PILOT_SLOTS: list[int] = []


def _is_pilot_slot(i: int) -> bool:
    if not _PILOT_SLOTS:
        pos = 0
        for k in range(16):
            _PILOT_SLOTS.append(pos)
            pos += 1 + 2 + (k % 2)
    return i in _PILOT_SLOTS


# --- activity data ----------------------------------------------------------------------------------------

def _trend(muni: pd.DataFrame, years: list[int], rng: np.random.Generator) -> np.ndarray:
    """Multiplier per (municipality, year): a role-dependent annual drift plus noise.

    Pilots mostly cut (-6 %..+1 %/yr), replicating cities are mixed, others mostly grow, so that some
    municipalities reach the 5 % award line and others do not.
    """
    n = len(muni)
    drift_lo = np.select([muni["role"].eq("pilot"), muni["role"].eq("replicating")], [-0.06, -0.04], -0.01)
    drift_hi = np.select([muni["role"].eq("pilot"), muni["role"].eq("replicating")], [0.01, 0.02], 0.035)
    drift = rng.uniform(drift_lo, drift_hi)
    t = np.arange(len(years))
    noise = rng.normal(0.0, 0.025, size=(n, len(years)))
    return np.exp(np.outer(drift, t) + noise)


# Thai seasonality of municipal electricity (hot season March-May), normalised to sum to 12
_ELEC_SEASON = np.array([0.92, 0.97, 1.08, 1.15, 1.12, 1.02, 0.98, 0.97, 0.96, 0.96, 0.95, 0.92])
_ELEC_SEASON = _ELEC_SEASON * 12 / _ELEC_SEASON.sum()


def _cfo_activity(muni: pd.DataFrame, years: list[int], rng: np.random.Generator, monthly: bool) -> pd.DataFrame:
    n, ny = len(muni), len(years)
    pop = muni["population"].to_numpy(float)
    trend = _trend(muni, years, rng)
    frames = []
    for key, ((lo, hi), dq) in CFO_ITEMS.items():
        frames.append(_item_frame(muni, years, key, pop[:, None] * rng.uniform(lo, hi, n)[:, None] * trend, dq))
    # refrigerant top-ups: R-22 before 2020, R-32 after (the fleet of air conditioners is replaced)
    refr = pop[:, None] * rng.uniform(0.001, 0.004, n)[:, None] * trend
    yrs = np.array(years)
    frames.append(_item_frame(muni, years, "r22_kg", np.where(yrs[None, :] < 2020, refr, 0.0), "M"))
    frames.append(_item_frame(muni, years, "r32_kg", np.where(yrs[None, :] >= 2020, refr, 0.0), "M"))
    staff = np.maximum(20, pop * 0.004)[:, None] * np.ones((1, ny))
    frames.append(_item_frame(muni, years, "wastewater_septic_person_yr", np.round(staff), "M"))
    # a share of LAOs run a landfill of their own: its MSW is in their CFO (scope 3, as in the Songkhla case)
    has_landfill = rng.random(n) < 0.4
    msw = pop[:, None] * rng.uniform(250, 330, n)[:, None] * trend * has_landfill[:, None]
    frames.append(_item_frame(muni, years, "msw_landfill_kg", msw, "M"))
    df = pd.concat(frames, ignore_index=True)
    df = df[df["amount"] > 0]
    df["inventory"] = "CFO"
    df["gpc_ref"] = None
    df["source"] = "synthetic demo"
    if monthly:
        df = _split_monthly(df, rng)
    else:
        df["month"] = pd.array([None] * len(df), dtype="Int64")
    return df


def _item_frame(muni: pd.DataFrame, years: list[int], key: str, amounts: np.ndarray, dq: str) -> pd.DataFrame:
    n, ny = amounts.shape
    return pd.DataFrame({
        "municipality_code": np.repeat(muni["code"].to_numpy(), ny),
        "year": np.tile(np.array(years, dtype=np.int32), n),
        "activity": key,
        "amount": np.round(amounts.reshape(-1), 2),
        "data_quality": dq,
    })


def _split_monthly(df: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Spread each annual amount over 12 months (seasonal for electricity); months sum to the year exactly."""
    n = len(df)
    weights = rng.uniform(0.9, 1.1, size=(n, 12))
    is_elec = (df["activity"] == "electricity_kwh").to_numpy()
    weights[is_elec] *= _ELEC_SEASON
    weights /= weights.sum(axis=1, keepdims=True)
    annual = df["amount"].to_numpy()
    months = np.round(annual[:, None] * weights, 2)
    months[:, -1] = np.round(annual - months[:, :-1].sum(axis=1), 2)
    out = df.loc[df.index.repeat(12)].reset_index(drop=True)
    out["month"] = pd.array(np.tile(np.arange(1, 13), n), dtype="Int64")
    out["amount"] = months.reshape(-1)
    return out


def _ccf_activity(muni: pd.DataFrame, years: list[int], rng: np.random.Generator):
    """City inventories for pilots, most replicating cities and a share of the rest."""
    n = len(muni)
    role = muni["role"]
    p_ccf = np.select([role.eq("pilot"), role.eq("replicating"), role.eq("network")], [1.0, 0.6, 0.3], 0.05)
    has = (rng.random(n) < p_ccf) & ~muni["type"].isin(["pao"]).to_numpy()
    sub = muni[has].reset_index(drop=True)
    m = len(sub)
    pop = sub["population"].to_numpy(float)
    trend = _trend(sub, years, rng)
    frames = []
    elec = np.zeros((m, len(years)))
    for key, ref, (lo, hi), dq in CCF_ITEMS:
        scale = trend if key != "wastewater_septic_person_yr" else np.ones_like(trend)
        qty = pop[:, None] * rng.uniform(lo, hi, m)[:, None] * scale
        if key == "electricity_kwh":
            elec += qty
        f = _item_frame(sub, years, key, qty, dq)
        f["gpc_ref"] = ref
        frames.append(f)
    td = _item_frame(sub, years, "electricity_kwh", elec * TD_LOSS_SHARE, "L")
    td["gpc_ref"] = "I.1.3"
    frames.append(td)
    # MSW: disposed in the city's own landfill (III.1.1) or sent outside (III.1.2); FOD needs the history
    inside = rng.random(m) < 0.6
    msw = pop[:, None] * rng.uniform(300, 400, m)[:, None] * trend
    f = _item_frame(sub, years, "msw_landfill_kg", msw, "M")
    f["gpc_ref"] = np.repeat(np.where(inside, "III.1.1", "III.1.2"), len(years))
    frames.append(f)
    # some cities host a small power plant: generation supplied to the grid is territorial only (I.4.4)
    plant = rng.random(m) < 0.1
    gen = pop[:, None] * rng.uniform(5, 15, m)[:, None] * plant[:, None] * np.ones((1, len(years)))
    f = _item_frame(sub, years, "diesel_stationary_l", gen, "M")
    f["gpc_ref"] = "I.4.4"
    frames.append(f)
    # livestock in rural LAOs (AFOLU, BASIC+)
    rural = sub["type"].isin(["tambon", "sao"]).to_numpy()
    cattle = pop[:, None] * rng.uniform(0.02, 0.1, m)[:, None] * rural[:, None] * np.ones((1, len(years)))
    f = _item_frame(sub, years, "cattle_other_head_yr", np.round(cattle), "L")
    f["gpc_ref"] = "V.1"
    frames.append(f)
    df = pd.concat(frames, ignore_index=True)
    df = df[df["amount"] > 0].reset_index(drop=True)
    df["inventory"] = "CCF"
    df["source"] = "synthetic demo"
    df["month"] = pd.array([None] * len(df), dtype="Int64")
    notation = _notation(sub, years, rural)
    return df, notation


# notation keys of every city inventory: (GPC ref, key, explanation); the last applies to urban LAOs only
_NOTATION_ROWS = [
    ("II.2.1", "NO", "ไม่มีระบบรางในเขตเมือง / no rail service within the boundary"),
    ("II.4.1", "NO", "ไม่มีสนามบินในเขตเมือง / no airport within the boundary"),
    ("IV.1", "NE", "ไม่มีข้อมูลกระบวนการอุตสาหกรรม / industrial process data not collected"),
    ("V.1", "NO", "ไม่มีปศุสัตว์ในเขตเมือง / no livestock within the boundary"),
]


def _notation(sub: pd.DataFrame, years: list[int], rural: np.ndarray) -> pd.DataFrame:
    """Notation keys per municipality-year, ordered by municipality, year, then the order of _NOTATION_ROWS."""
    m, ny, k = len(sub), len(years), len(_NOTATION_ROWS)
    present = np.ones((m, ny, k), dtype=bool)
    present[:, :, k - 1] = ~np.asarray(rural, dtype=bool)[:, None]
    shape = (m, ny, k)
    code = np.broadcast_to(sub["code"].to_numpy(dtype=object)[:, None, None], shape)[present]
    year = np.broadcast_to(np.array(years, dtype=np.int64)[None, :, None], shape)[present]
    which = np.broadcast_to(np.arange(k)[None, None, :], shape)[present]
    table = np.array(_NOTATION_ROWS, dtype=object)
    return pd.DataFrame({"municipality_code": pd.array(code, dtype="str"), "year": year,
                         "gpc_ref": pd.array(table[which, 0], dtype="str"),
                         "notation_key": pd.array(table[which, 1], dtype="str"),
                         "explanation": pd.array(table[which, 2], dtype="str")})
