"""Deterministic synthetic demo data (fixed seed).

Province, district and subdistrict names and codes are real (``geothai``); every municipality record and
every number is synthetic. Per-capita quantities are chosen so that totals fall in the ranges of published
Thai cases (docs/methodology_emissions.md §3 and §8): a municipal CFO of a few hundred to ~20,000 tCO2e
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
    # the stories (switch years, step changes, gaps) draw from a stream of their own, so that adding them left
    # the other synthetic numbers as they were
    story = np.random.default_rng(seed + 1)
    years = demo_years(scale)
    muni = _municipalities(scale, rng)
    cfo = _cfo_activity(muni, years, rng, monthly=(scale == "demo"), story=story)
    ccf, notation = _ccf_activity(muni, years, rng, story=story)
    activity = pd.concat([cfo, ccf], ignore_index=True)
    units = reference.read_reference_csv("emission_factors.csv").groupby("activity")["unit"].first()
    activity["unit"] = activity["activity"].map(units).astype(str)
    from data.demo import indicator_records

    lcrs = indicator_records.generate_lcrs(muni, years, rng)
    population = _population_by_year(muni, years, story)
    values = pd.concat([lcrs["indicator_value"], population], ignore_index=True)
    return DemoData(muni, activity, notation, values, lcrs["action"], lcrs["scorecard"], scale, seed)


POPULATION_GROWTH = (-0.005, 0.015)   # annual change of the registered population, by municipality


def _population_by_year(muni: pd.DataFrame, years: list[int], story: np.random.Generator) -> pd.DataFrame:
    """The population of every year (indicator ``population``): the municipality's figure is the latest
    year's, earlier years follow a steady growth of its own."""
    g = story.uniform(*POPULATION_GROWTH, size=len(muni))
    y = np.array(years)
    pop = muni["population"].to_numpy(float)[:, None] * (1.0 + g[:, None]) ** (y[None, :] - y[-1])
    n, ny = pop.shape
    return pd.DataFrame({"municipality_code": np.repeat(muni["code"].to_numpy(dtype=object), ny),
                         "year": np.tile(y.astype(np.int32), n), "indicator_code": "population",
                         "value": np.round(pop.reshape(-1)), "evidence": "ข้อมูลสาธิต / synthetic demo"})


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


# step changes of the demo stories: the share of municipalities that make them, in a year of their own
STEP_LED = (0.5, 0.80, 0.90)       # share of LAOs, electricity factor range after an LED street-light retrofit
STEP_SOLAR = (0.3, 0.85, 0.95)     # share, electricity factor range after a rooftop solar installation
P_MISSING_MONTH = 0.07             # a municipality-year whose December electricity bill is missing
P_MISSING_PAPER = 0.04             # a municipality-year without its paper purchases


def _step(n: int, years: list[int], story: np.random.Generator, share: float, lo: float, hi: float) -> np.ndarray:
    """(municipalities, years) multipliers: 1 before a municipality's own step year, lo..hi from it on."""
    y = np.array(years)
    does = story.random(n) < share
    when = story.integers(y[0] + 1, y[-1] + 1, size=n)
    factor = story.uniform(lo, hi, size=n)
    return np.where(does[:, None] & (y[None, :] >= when[:, None]), factor[:, None], 1.0)


def _cfo_activity(muni: pd.DataFrame, years: list[int], rng: np.random.Generator, monthly: bool,
                  story: np.random.Generator | None = None) -> pd.DataFrame:
    story = story if story is not None else np.random.default_rng(0)
    n, ny = len(muni), len(years)
    pop = muni["population"].to_numpy(float)
    trend = _trend(muni, years, rng)
    # electricity steps: LED street lights and rooftop solar, each in a municipality's own year
    steps = {"electricity_kwh": _step(n, years, story, *STEP_LED) * _step(n, years, story, *STEP_SOLAR)}
    frames = []
    for key, ((lo, hi), dq) in CFO_ITEMS.items():
        frames.append(_item_frame(muni, years, key,
                                  pop[:, None] * rng.uniform(lo, hi, n)[:, None] * trend * steps.get(key, 1.0), dq))
    # refrigerant top-ups: each municipality replaces its R-22 air conditioners with R-32 ones in a year of its
    # own (2016-2027: some not yet by 2025), so the network does not jump in one year
    refr = pop[:, None] * rng.uniform(0.001, 0.004, n)[:, None] * trend
    yrs = np.array(years)
    switch = story.integers(yrs[0] + 1, yrs[-1] + 3, size=n)
    after = yrs[None, :] >= switch[:, None]
    frames.append(_item_frame(muni, years, "r22_kg", np.where(after, 0.0, refr), "M"))
    frames.append(_item_frame(muni, years, "r32_kg", np.where(after, refr, 0.0), "M"))
    staff = np.maximum(20, pop * 0.004)[:, None] * np.ones((1, ny))
    frames.append(_item_frame(muni, years, "wastewater_septic_person_yr", np.round(staff), "M"))
    # a share of LAOs run a landfill of their own: its MSW is in their CFO (scope 3, as in the Songkhla case)
    has_landfill = rng.random(n) < 0.4
    msw = pop[:, None] * rng.uniform(250, 330, n)[:, None] * trend * has_landfill[:, None]
    frames.append(_item_frame(muni, years, "msw_landfill_kg", msw, "M"))
    df = pd.concat(frames, ignore_index=True)
    df = df[df["amount"] > 0]
    # some years are incomplete, as real files are: paper purchases not reported
    no_paper = story.random((n, ny)) < P_MISSING_PAPER
    gap = pd.DataFrame({"municipality_code": np.repeat(muni["code"].to_numpy(), ny),
                        "year": np.tile(np.array(years, dtype=np.int32), n), "_gap": no_paper.reshape(-1)})
    df = df.merge(gap, on=["municipality_code", "year"], how="left")
    df = df[~(df["_gap"] & (df["activity"] == "paper_kg"))].drop(columns="_gap")
    df["inventory"] = "CFO"
    df["gpc_ref"] = None
    df["source"] = "synthetic demo"
    if monthly:
        df = _split_monthly(df, rng)
        # ... or a December electricity bill missing
        no_dec = story.random((n, ny)) < P_MISSING_MONTH
        gap = gap.assign(_gap=no_dec.reshape(-1))
        df = df.merge(gap, on=["municipality_code", "year"], how="left")
        df = df[~(df["_gap"] & (df["activity"] == "electricity_kwh") & (df["month"] == 12))].drop(columns="_gap")
    else:
        df["month"] = pd.array([None] * len(df), dtype="Int64")
    return df.reset_index(drop=True)


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


def _ccf_activity(muni: pd.DataFrame, years: list[int], rng: np.random.Generator,
                  story: np.random.Generator | None = None):
    """City inventories for pilots, most replicating cities and a share of the rest."""
    story = story if story is not None else np.random.default_rng(0)
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
    notation = _notation(sub, years, rural, inside, df, story)
    return df, notation


# notation keys of the city inventories: every BASIC row the demo has no figure for, explained
# (GPC v1.1 notation keys); the I/III.1 row not used by the city's landfill arrangement is NO
_NOTATION_KEYS = {
    "I.3.2": ("IE", "ไฟฟ้าของโรงงานรวมใน I.2.2 / industrial grid electricity included in I.2.2"),
    "I.4.1": ("NO", "ไม่มีโรงไฟฟ้าในเขตเมือง / no power plant within the boundary"),
    "I.4.2": ("NO", "ไม่มีโรงไฟฟ้าในเขตเมือง / no power plant within the boundary"),
    "I.5.1": ("NE", "ไม่มีข้อมูลเชื้อเพลิงภาคเกษตร / farm fuel use not collected"),
    "I.5.2": ("IE", "ไฟฟ้าภาคเกษตรรวมใน I.2.2 / farm grid electricity included in I.2.2"),
    "I.6.1": ("NO", "ไม่มีแหล่งอื่น / no non-specified sources"),
    "I.6.2": ("NO", "ไม่มีแหล่งอื่น / no non-specified sources"),
    "I.7.1": ("NO", "ไม่มีการทำเหมืองถ่านหิน / no coal mining"),
    "I.8.1": ("NO", "ไม่มีระบบน้ำมันและก๊าซ / no oil and gas systems"),
    "II.1.2": ("NE", "ไม่มีข้อมูลการชาร์จรถไฟฟ้า / electric-vehicle charging not metered"),
    "II.2.1": ("NO", "ไม่มีระบบรางในเขตเมือง / no rail service within the boundary"),
    "II.2.2": ("NO", "ไม่มีระบบรางในเขตเมือง / no rail service within the boundary"),
    "II.3.1": ("NO", "ไม่มีการขนส่งทางน้ำ / no waterborne transport"),
    "II.3.2": ("NO", "ไม่มีการขนส่งทางน้ำ / no waterborne transport"),
    "II.4.1": ("NO", "ไม่มีสนามบินในเขตเมือง / no airport within the boundary"),
    "II.4.2": ("NO", "ไม่มีสนามบินในเขตเมือง / no airport within the boundary"),
    "II.5.2": ("NO", "ไม่มีเครื่องจักรไฟฟ้านอกถนน / no grid-powered off-road machinery"),
    "III.2.1": ("NE", "ไม่มีข้อมูลการหมักปุ๋ยชุมชน / community composting not measured"),
    "III.2.2": ("NO", "ไม่ส่งขยะอินทรีย์ไปหมักนอกเขต / no organic waste sent out for composting"),
    "III.3.1": ("NE", "ไม่มีข้อมูลการเผากลางแจ้ง / open burning not measured"),
    "III.3.2": ("NO", "ไม่ส่งขยะไปเผานอกเขต / no waste sent out for incineration"),
    "III.4.2": ("NO", "น้ำเสียบำบัดในเขตเมือง / wastewater treated within the boundary"),
    "IV.1": ("NE", "ไม่มีข้อมูลกระบวนการทางอุตสาหกรรม / industrial process data not collected"),
}
_LANDFILL_NO = "ไม่มีการฝังกลบแบบนี้ / no disposal of this kind"
P_KEYS_FORGOTTEN = 0.12   # a city inventory-year that forgot 1-3 notation keys (shows as incomplete)


def _notation(sub: pd.DataFrame, years: list[int], rural: np.ndarray, inside: np.ndarray, ccf: pd.DataFrame,
              story: np.random.Generator) -> pd.DataFrame:
    """Notation keys per municipality-year: every BASIC row without a figure gets its key (the landfill row not
    used is NO, livestock V.1 is NO for urban LAOs); some inventory-years forget one to three of them."""
    has = set(zip(ccf["municipality_code"], ccf["year"].astype(int), ccf["gpc_ref"]))
    codes = sub["code"].to_numpy(dtype=object)
    rows = []
    for i, code in enumerate(codes):
        for y in years:
            keys = dict(_NOTATION_KEYS)
            keys["III.1.2" if inside[i] else "III.1.1"] = ("NO", _LANDFILL_NO)
            if not rural[i]:
                keys["V.1"] = ("NO", "ไม่มีปศุสัตว์ในเขตเมือง / no livestock within the boundary")
            if (code, y, "I.3.1") not in has:
                keys["I.3.1"] = ("NO", "ไม่มีโรงงานในเขตเมือง / no factories within the boundary")
            refs = [r for r in keys if (code, y, r) not in has]
            if story.random() < P_KEYS_FORGOTTEN:
                forget = set(story.choice(refs, size=int(story.integers(1, 4)), replace=False))
                refs = [r for r in refs if r not in forget]
            rows += [(code, y, r, keys[r][0], keys[r][1]) for r in refs]
    df = pd.DataFrame(rows, columns=["municipality_code", "year", "gpc_ref", "notation_key", "explanation"])
    for c in ("municipality_code", "gpc_ref", "notation_key", "explanation"):
        df[c] = pd.array(df[c], dtype="str")
    df["year"] = df["year"].astype(np.int64)
    return df
