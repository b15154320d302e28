"""Synthetic LCRS evidence for the demo set: indicator values, A-S-I actions and UNDRR scorecards.

Every number is synthetic; it is shaped so that the pages have something true-to-life to show:
- each municipality has a latent "capacity" per theme (0-1) that starts higher and grows faster for pilots,
  grows from the joining year for replicating cities, and barely moves for LAOs outside the programme;
  indicator values and scorecard answers are drawn around it, so pilots score higher and improve over time;
- members of the programme (role not null) report from their joined_year (network members without one in
  some years); at national scale LAOs outside the programme report a basic subset in about a quarter of the
  years, so most of the 7,850 have some evidence but sparse — that is realistic, and it keeps the build fast;
- some evidence is missing on purpose: a few indicators at random, and for about one member in five one
  whole matrix cell is never reported, so that confidence below 1 and empty cells show up;
- indicators computed from other tables are not generated: ``rs_undrr_score`` comes from the scorecard rows,
  ``lc_cfo_reduction_pct`` and ``lc_cfo_per_capita`` from the emissions engine (data/lcrs.py);
- the bike-lane indicator is consistent with the actions: base network + bike_lane_km of the bike actions that
  count for the year (status ongoing/completed, started), per 10,000 residents; the 300 m share follows it.
Everything is vectorised numpy and deterministic given the Generator.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.store import reference

INDICATOR_VALUE_COLUMNS = ["municipality_code", "year", "indicator_code", "value", "evidence"]
ACTION_COLUMNS = ["action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi",
                  "undrr_essential", "gpc_sector", "department", "status", "start_year", "end_year", "budget_thb",
                  "expected_tco2e", "achieved_tco2e", "bike_lane_km", "co_benefits"]
SCORECARD_COLUMNS = ["municipality_code", "year", "level", "essential", "question", "score"]

EVIDENCE = "ข้อมูลสาธิต / synthetic demo"
THEMES = ("low_carbon", "bike_walk", "resilience")
COMPUTED = {"lc_cfo_reduction_pct", "lc_cfo_per_capita", "rs_undrr_score"}
# indicators that LAOs outside the programme typically know (national scale only)
BASIC = {"lc_led_streetlight_pct", "lc_waste_diverted_pct", "lc_green_procurement_pct", "lc_climate_budget_pct",
         "bw_ped_cyclist_casualties_per_100k", "bw_car_free_events", "rs_drr_plan_adopted", "rs_drills_held",
         "rs_early_warning_coverage_pct", "rs_drr_budget_pct", "rs_community_teams_pct"}
COUNT_INDICATORS = {"lc_community_projects", "bw_car_free_events", "rs_drills_held"}

# latent capacity: start range and annual growth range by role ('other' = outside the programme)
START = {"pilot": (0.30, 0.50), "replicating": (0.12, 0.32), "network": (0.10, 0.35), "other": (0.03, 0.25)}
GROWTH = {"pilot": (0.015, 0.04), "replicating": (0.02, 0.045), "network": (0.0, 0.03), "other": (0.0, 0.015)}
ACTIONS_PER_ROLE = {"pilot": (6, 12), "replicating": (3, 6), "network": (0, 3), "other": (0, 3)}
P_REPORT = {"pilot": 0.95, "replicating": 0.88, "network": 0.75, "other": 0.55}

# Detailed-level question codes for the demo only: the real detailed assessment has 117 criteria; how they are
# split across the essentials here is this tool's assumption (D<essential>.<n>).
DETAILED_PER_ESSENTIAL = (11, 13, 9, 11, 8, 13, 10, 20, 14, 8)

# Action templates: (title_th, title_en, theme, dimension, A-S-I type for a mitigation action or UNDRR essential
#   (1-10) for a resilience action, gpc_sector, department,
#   expected tCO2e/yr per 10,000 residents (lo, hi) or None, budget THB for a 50,000-resident town (lo, hi),
#   bike-lane km (lo, hi) or None, duration years (lo, hi), co-benefits)
ACTION_TEMPLATES = [
    ("เปลี่ยนไฟถนนเป็นหลอด LED", "LED street-light retrofit", "low_carbon", 3, "improve", "I", "engineering",
     (8, 30), (1_500_000, 8_000_000), None, (1, 2), "ค่าไฟลดลง / lower electricity bills"),
    ("ติดตั้งโซลาร์รูฟบนอาคารสำนักงานเทศบาล", "Rooftop solar on the town hall", "low_carbon", 2, "shift", "I",
     "engineering", (4, 15), (1_000_000, 5_000_000), None, (1, 2), "ค่าไฟลดลง / lower electricity bills"),
    ("เปลี่ยนเครื่องปรับอากาศประสิทธิภาพสูง", "High-efficiency air-conditioner replacement", "low_carbon", 2,
     "improve", "I", "clerk", (2, 8), (500_000, 2_500_000), None, (1, 1),
     "ลดสารทำความเย็นรั่ว / fewer refrigerant leaks"),
    ("มาตรการปิดไฟและเครื่องปรับอากาศช่วงพักเที่ยง", "Lunch-hour lights and air-conditioning off", "low_carbon", 2,
     "avoid", "I", "clerk", (0.5, 2), (0, 50_000), None, (1, 1), "ประหยัดงบประมาณ / budget savings"),
    ("ธนาคารขยะรีไซเคิลชุมชน", "Community recycling waste bank", "low_carbon", 4, "avoid", "III", "public_health",
     (3, 12), (100_000, 600_000), None, (1, 3), "รายได้ชุมชน / community income"),
    ("หมักปุ๋ยจากขยะอินทรีย์ในตลาดสด", "Market organic-waste composting", "low_carbon", 3, "avoid", "III",
     "public_health", (3, 15), (300_000, 1_500_000), None, (1, 2), "ปุ๋ยสำหรับสวนสาธารณะ / compost for parks"),
    ("ตลาดนัดปลอดถุงพลาสติกและโฟม", "Plastic-bag and foam-free market", "low_carbon", 4, "avoid", "III",
     "public_health", (0.5, 3), (50_000, 300_000), None, (1, 2), "ลดขยะ / less litter"),
    ("รถเก็บขยะใช้ก๊าซธรรมชาติ (CNG)", "CNG garbage trucks", "low_carbon", 3, "improve", "II", "public_health",
     (2, 10), (2_000_000, 9_000_000), None, (1, 2), "ลดฝุ่น PM2.5 / less PM2.5"),
    ("จัดซื้อจัดจ้างสินค้าฉลากเขียว", "Green public procurement", "low_carbon", 3, "improve", None, "finance",
     (0.5, 3), (0, 100_000), None, (1, 1), "ตลาดสินค้าสีเขียว / market for green products"),
    ("โรงเรียนคาร์บอนต่ำ", "Low-carbon schools", "low_carbon", 4, "avoid", "I", "education",
     (1, 5), (100_000, 500_000), None, (1, 3), "การเรียนรู้ของเยาวชน / youth learning"),
    ("ทางจักรยานรอบเมือง", "City bike loop", "bike_walk", 4, "shift", "II", "engineering",
     (3, 12), (3_000_000, 15_000_000), (4, 15), (1, 3), "สุขภาพ การท่องเที่ยว / health, tourism"),
    ("เส้นทางเดินและปั่นจักรยานปลอดภัยไปโรงเรียน", "Safe walking and cycling routes to school", "bike_walk", 4,
     "shift", "II", "education", (1, 4), (800_000, 4_000_000), (1, 4), (1, 2), "ความปลอดภัยของเด็ก / child safety"),
    ("ทางจักรยานเชื่อมตลาดและชุมชน", "Bike lanes linking markets and neighbourhoods", "bike_walk", 3, "shift", "II",
     "engineering", (1, 6), (1_000_000, 6_000_000), (2, 8), (1, 2), "ค้าขายดีขึ้น / better trade"),
    ("ที่จอดจักรยานที่สำนักงาน ตลาด และโรงเรียน", "Bike parking at offices, markets and schools", "bike_walk", 3,
     "shift", "II", "engineering", (0.3, 1.5), (100_000, 600_000), None, (1, 1), "ความสะดวก / convenience"),
    ("จักรยานสาธารณะให้ยืม", "Public bike-share", "bike_walk", 4, "shift", "II", "planning",
     (1, 4), (500_000, 3_000_000), None, (1, 3), "การท่องเที่ยว / tourism"),
    ("บุคลากรปั่นจักรยานมาทำงาน", "Bike-to-work for municipal staff", "bike_walk", 2, "shift", "II", "clerk",
     (0.2, 1), (20_000, 150_000), None, (1, 1), "สุขภาพบุคลากร / staff health"),
    ("ถนนคนเดินปลอดรถทุกสุดสัปดาห์", "Weekend car-free walking street", "bike_walk", 4, "avoid", "II", "planning",
     (0.3, 1.5), (100_000, 800_000), None, (1, 3), "เศรษฐกิจชุมชน / local economy"),
    ("ปรับปรุงทางเท้าและทางข้ามถนน", "Sidewalk and crossing upgrade", "bike_walk", 3, "shift", "II", "engineering",
     (0.5, 2), (1_000_000, 6_000_000), None, (1, 2), "ลดอุบัติเหตุ / fewer crashes"),
    ("เขตจำกัดความเร็ว 30 กม./ชม. หน้าโรงเรียนและชุมชน", "30 km/h zones at schools and neighbourhoods",
     "bike_walk", 1, "shift", "II", "clerk", None, (50_000, 400_000), None, (1, 1), "ลดอุบัติเหตุ / fewer crashes"),
    ("แผนแม่บทการเดินและจักรยาน", "Walking and cycling master plan", "bike_walk", 1, "avoid", None, "planning",
     None, (200_000, 1_000_000), None, (1, 1), "ผังเมืองกระชับ / compact planning"),
    ("ระบบเตือนภัยน้ำท่วมล่วงหน้า", "Flood early-warning system", "resilience", 3, 9, None, "clerk",
     None, (500_000, 3_000_000), None, (1, 2), "ลดความสูญเสีย / fewer losses"),
    ("ซ้อมแผนอพยพร่วมกับชุมชน", "Community evacuation drill", "resilience", 4, 9, None, "clerk",
     None, (50_000, 300_000), None, (1, 1), "ความพร้อมของชุมชน / community preparedness"),
    ("ฟื้นฟูป่าชายเลนและพื้นที่ชุ่มน้ำ", "Mangrove and wetland restoration", "resilience", 4, 5, "V",
     "public_health", (1, 8), (300_000, 2_000_000), None, (2, 3),
     "กักเก็บคาร์บอน ป้องกันคลื่น / carbon storage, storm protection"),
    ("ทบทวนแผนป้องกันและบรรเทาสาธารณภัย", "Update of the disaster prevention and mitigation plan", "resilience", 1,
     1, None, "clerk", None, (50_000, 300_000), None, (1, 1), "การประสานงาน / coordination"),
    ("แผนที่เสี่ยงภัยระดับชุมชน", "Community risk mapping", "resilience", 4, 2, None, "planning",
     None, (100_000, 500_000), None, (1, 1), "ข้อมูลเพื่อการวางแผน / data for planning"),
    ("ขุดลอกคูคลองและแก้มลิง", "Canal dredging and retention ponds", "resilience", 3, 8, None, "sanitation",
     None, (1_000_000, 8_000_000), None, (1, 2), "ลดน้ำท่วมขัง / less flooding"),
    ("ไฟฟ้าสำรองพลังงานแสงอาทิตย์ที่ศูนย์อพยพ", "Solar back-up power at evacuation centres", "resilience", 2,
     8, "I", "engineering", (0.5, 3), (500_000, 3_000_000), None, (1, 2),
     "ไฟฟ้าใช้ได้ระหว่างภัย / power during disasters"),
    ("ฝึกอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)", "Civil-defence volunteer training", "resilience", 4,
     7, None, "clerk", None, (50_000, 400_000), None, (1, 1), "ทุนทางสังคม / social capital"),
    ("ศูนย์ดูแลผู้สูงอายุและผู้พิการช่วงภัยพิบัติ", "Care for older and disabled people during disasters",
     "resilience", 3, 7, None, "social_welfare", None, (100_000, 600_000), None, (1, 2),
     "ไม่ทิ้งใครไว้ข้างหลัง / leave no one behind"),
]


def generate_lcrs(muni: pd.DataFrame, years: list[int], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Indicator values, actions and scorecards for every municipality and year (deterministic given rng)."""
    years = [int(y) for y in years]
    role = muni["role"].fillna("other").to_numpy(dtype=object)
    joined = muni["joined_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    capacity = _capacity(role, joined, years, rng)
    reporting = _reporting_years(role, joined, years, rng)
    actions = _actions(muni, role, joined, years, rng)
    values = _indicator_values(muni, role, years, capacity, reporting, actions, rng)
    scorecard = _scorecards(muni, role, joined, years, capacity, reporting, rng)
    return {"indicator_value": values, "action": actions, "scorecard": scorecard}


def _by_role(role: np.ndarray, table: dict) -> tuple[np.ndarray, np.ndarray]:
    lo = np.array([table[r][0] for r in role], dtype=float)
    hi = np.array([table[r][1] for r in role], dtype=float)
    return lo, hi


def _capacity(role, joined, years, rng) -> np.ndarray:
    """Latent capacity, shape (municipalities, 3 themes, years), 0.02-0.97."""
    n, ny = len(role), len(years)
    y = np.array(years, dtype=float)
    s_lo, s_hi = _by_role(role, START)
    g_lo, g_hi = _by_role(role, GROWTH)
    start = rng.uniform(s_lo, s_hi)
    growth = rng.uniform(g_lo, g_hi)
    theme_offset = rng.normal(0.0, 0.06, size=(n, 3))
    # growth runs from the joining year (or the first year for LAOs that never joined)
    t0 = np.where(np.isnan(joined), y[0], joined)
    active_years = np.clip(y[None, :] - t0[:, None], 0, None)
    drift = 0.005 * (y[None, :] - y[0])  # slow background change before or without joining
    base = start[:, None] + drift + growth[:, None] * active_years
    noise = rng.normal(0.0, 0.025, size=(n, 3, ny))
    return np.clip(base[:, None, :] + theme_offset[:, :, None] + noise, 0.02, 0.97)


def _reporting_years(role, joined, years, rng) -> np.ndarray:
    """Boolean (municipalities, years): the municipality reported LCRS evidence that year."""
    y = np.array(years, dtype=float)
    member_from = np.where(np.isnan(joined), np.inf, joined)
    rep = y[None, :] >= member_from[:, None]
    never_joined = np.isnan(joined)
    random_years = rng.random((len(role), len(years))) < np.where(role == "network", 0.5, 0.25)[:, None]
    rep = np.where(never_joined[:, None], random_years, rep)
    # every programme member has data: a member with no reporting year reports in the last year
    member_none = (role != "other") & ~rep.any(axis=1)
    rep[member_none, -1] = True
    return rep


def _indicator_values(muni, role, years, capacity, reporting, actions, rng) -> pd.DataFrame:
    cat = reference.read_reference_csv("indicators.csv")
    cat = cat[~cat["indicator_code"].isin(COMPUTED)].reset_index(drop=True)
    n, ny, k = len(muni), len(years), len(cat)
    theme_idx = cat["theme"].map({t: i for i, t in enumerate(THEMES)}).to_numpy(dtype=int)
    cell_idx = theme_idx * 4 + cat["dimension"].to_numpy(dtype=int) - 1
    lo = cat["lo"].to_numpy(dtype=float)
    hi = cat["hi"].to_numpy(dtype=float)
    codes = cat["indicator_code"].to_numpy(dtype=object)
    is_member = role != "other"

    # position on the indicator's scale: capacity of its theme + a persistent and a yearly deviation
    q = (capacity[:, theme_idx, :] + rng.normal(0.0, 0.08, size=(n, k, 1))
         + rng.normal(0.0, 0.04, size=(n, k, ny)))
    q = np.clip(q, -0.1, 1.15)
    vals = lo[None, :, None] + (hi - lo)[None, :, None] * q

    binary = (cat["method"] == "binary").to_numpy()
    # a plan or regulation, once adopted, stays adopted
    threshold = rng.uniform(0.4, 0.75, size=(n, k, 1))
    adopted = np.maximum.accumulate(q > threshold, axis=2).astype(float)
    vals = np.where(binary[None, :, None], adopted, vals)
    counts = np.isin(codes, list(COUNT_INDICATORS))
    vals = np.where(counts[None, :, None], np.round(np.clip(vals, 0, None)), vals)
    pct = cat["unit"].str.startswith("%").to_numpy()
    vals = np.where(pct[None, :, None], np.clip(vals, 0.0, 100.0), np.clip(vals, 0.0, None))

    # bike lanes follow the registry: base network + km of bike actions that count for the year
    pop = muni["population"].to_numpy(dtype=float)
    lane_k = int(np.flatnonzero(codes == "bw_bike_lane_km_per_10k")[0])
    near_k = int(np.flatnonzero(codes == "bw_people_near_bikeway_pct")[0])
    base_km = pop / 1e4 * 1.5 * capacity[:, 1, 0] * rng.uniform(0.3, 1.0, size=n)
    added = _bike_km_by_year(muni, actions, years)
    km_per_10k = (base_km[:, None] + added) / pop[:, None] * 1e4
    vals[:, lane_k, :] = km_per_10k
    reach = rng.uniform(0.75, 1.1, size=(n, 1))
    vals[:, near_k, :] = np.clip(100.0 * (1.0 - np.exp(-km_per_10k / 3.0)) * reach, 0.0, 100.0)

    # what is reported: members every indicator with a small gap rate, others a basic subset
    p = np.array([P_REPORT[r] for r in role])
    mask = rng.random((n, k, ny)) < p[:, None, None]
    basic = np.isin(codes, list(BASIC))
    mask &= (is_member[:, None] | basic[None, :])[:, :, None]
    mask &= reporting[:, None, :]
    # about one member in five never reports one whole cell (shows as an empty cell, confidence 0)
    blind = np.where(is_member & (rng.random(n) < 0.2), rng.integers(0, 12, size=n), -1)
    mask &= (cell_idx[None, :] != blind[:, None])[:, :, None]

    mi, ki, yi = np.nonzero(mask)
    v = vals[mi, ki, yi]
    decimals = np.where(binary[ki] | counts[ki], 0, np.where(pct[ki], 1, 2))
    v = np.where(decimals == 0, np.round(v), np.where(decimals == 1, np.round(v, 1), np.round(v, 2)))
    return pd.DataFrame({
        "municipality_code": muni["code"].to_numpy(dtype=object)[mi],
        "year": np.array(years, dtype=np.int32)[yi],
        "indicator_code": codes[ki],
        "value": v.astype(float),
        "evidence": EVIDENCE,
    }, columns=INDICATOR_VALUE_COLUMNS)


def _bike_km_by_year(muni, actions, years) -> np.ndarray:
    """(municipalities, years): bike-lane km added by actions that count for each year."""
    out = np.zeros((len(muni), len(years)))
    bike = actions[actions["bike_lane_km"].notna() & actions["status"].isin(["ongoing", "completed"])]
    if bike.empty:
        return out
    pos = pd.Index(muni["code"]).get_indexer(bike["municipality_code"])
    y = np.array(years)
    counts = bike["start_year"].to_numpy()[:, None] <= y[None, :]
    np.add.at(out, pos, counts * bike["bike_lane_km"].to_numpy(dtype=float)[:, None])
    return out


def _actions(muni, role, joined, years, rng) -> pd.DataFrame:
    n = len(muni)
    a_lo, a_hi = _by_role(role, ACTIONS_PER_ROLE)
    per_muni = rng.integers(a_lo.astype(int), a_hi.astype(int) + 1)
    n_templates = len(ACTION_TEMPLATES)
    per_muni = np.minimum(per_muni, n_templates)
    # each municipality draws distinct templates: the first per_muni of a random permutation
    order = np.argsort(rng.random((n, n_templates)), axis=1)
    mi = np.repeat(np.arange(n), per_muni)
    seq = np.arange(len(mi)) - np.repeat(np.cumsum(per_muni) - per_muni, per_muni)
    ti = order[mi, seq]
    m = len(mi)
    if m == 0:
        return pd.DataFrame(columns=ACTION_COLUMNS)
    tpl = pd.DataFrame(ACTION_TEMPLATES, columns=[
        "title_th", "title_en", "theme", "dimension", "class", "gpc_sector", "department", "exp_range",
        "budget_range", "km_range", "duration", "co_benefits"])
    t = tpl.iloc[ti].reset_index(drop=True)

    first, last = years[0], years[-1]
    start_from = np.where(np.isnan(joined), first, np.maximum(joined, first))[mi]
    start = np.floor(rng.uniform(start_from, last + 2)).astype(int)  # up to next year: planned actions
    dur_lo = np.array([d[0] for d in t["duration"]])
    dur_hi = np.array([d[1] for d in t["duration"]])
    end = start + rng.integers(dur_lo, dur_hi + 1) - 1
    u = rng.random(m)
    status = np.where(start > last, "planned",
                      np.where(end < last, np.where(u < 0.05, "cancelled", np.where(u < 0.12, "ongoing", "completed")),
                               np.where(u < 0.04, "cancelled", "ongoing")))

    pop = muni["population"].to_numpy(dtype=float)[mi]
    size = np.sqrt(pop / 50_000.0)
    b_lo = np.array([b[0] for b in t["budget_range"]], dtype=float)
    b_hi = np.array([b[1] for b in t["budget_range"]], dtype=float)
    budget = np.round(rng.uniform(b_lo, b_hi) * size, -3)
    has_exp = t["exp_range"].notna().to_numpy()
    e_lo = np.array([r[0] if r is not None else 0.0 for r in t["exp_range"]], dtype=float)
    e_hi = np.array([r[1] if r is not None else 0.0 for r in t["exp_range"]], dtype=float)
    expected = np.round(rng.uniform(e_lo, e_hi) * pop / 1e4, 2)
    is_pilot = (role[mi] == "pilot")
    ratio = np.where(is_pilot, rng.uniform(0.7, 1.2, m), rng.uniform(0.4, 1.05, m))
    measured = rng.random(m) > 0.12
    counting = np.isin(status, ["ongoing", "completed"])
    achieved = np.round(expected * ratio, 2)
    has_km = t["km_range"].notna().to_numpy()
    k_lo = np.array([r[0] if r is not None else 0.0 for r in t["km_range"]], dtype=float)
    k_hi = np.array([r[1] if r is not None else 0.0 for r in t["km_range"]], dtype=float)
    km = np.round(rng.uniform(k_lo, k_hi) * np.clip(size, 0.5, 2.0), 1)

    codes = muni["code"].to_numpy(dtype=object)[mi]
    resilient = t["theme"] == "resilience"   # classified by UNDRR essential, not A-S-I
    df = pd.DataFrame({
        "action_id": [f"{c}-A{s + 1:02d}" for c, s in zip(codes, seq)],
        "municipality_code": codes,
        "title_th": t["title_th"].to_numpy(),
        "title_en": t["title_en"].to_numpy(),
        "theme": t["theme"].to_numpy(),
        "dimension": t["dimension"].to_numpy(dtype=int),
        "asi": t["class"].where(~resilient, None).to_numpy(),
        "undrr_essential": pd.array(t["class"].where(resilient, None).tolist(), dtype="Int64"),
        "gpc_sector": t["gpc_sector"].to_numpy(),
        "department": t["department"].to_numpy(),
        "status": status,
        "start_year": start,
        "end_year": end,
        "budget_thb": budget,
        "expected_tco2e": np.where(has_exp, expected, np.nan),
        "achieved_tco2e": np.where(has_exp & counting & measured, achieved, np.nan),
        "bike_lane_km": np.where(has_km, km, np.nan),
        "co_benefits": t["co_benefits"].to_numpy(),
    }, columns=ACTION_COLUMNS)
    df["end_year"] = pd.array(df["end_year"], dtype="Int64")
    return df


def _question_codes() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    q = reference.read_reference_csv("undrr_questions.csv")
    prelim = q[q["level"] == "preliminary"]
    det_ess = np.repeat(np.arange(1, 11), DETAILED_PER_ESSENTIAL)
    det_q = np.array([f"D{e}.{i + 1}" for e, cnt in zip(range(1, 11), DETAILED_PER_ESSENTIAL) for i in range(cnt)],
                     dtype=object)
    return {"preliminary": (prelim["essential"].to_numpy(dtype=int), prelim["question"].to_numpy(dtype=object)),
            "detailed": (det_ess, det_q)}


def _scorecards(muni, role, joined, years, capacity, reporting, rng) -> pd.DataFrame:
    """Who assesses when: pilots preliminary in their first two years then detailed; replicating cities
    preliminary every reporting year; network members every other reporting year; LAOs outside the programme
    a preliminary assessment in about 3 % of their reporting years."""
    n, ny = len(muni), len(years)
    y = np.array(years)
    t0 = np.where(np.isnan(joined), y[0], joined)
    since = y[None, :] - t0[:, None]
    assess = reporting.copy()
    assess &= np.where((role == "network")[:, None], (since % 2) == 0, True)
    assess &= np.where((role == "other")[:, None], rng.random((n, ny)) < 0.03 / 0.25, True)
    detailed = (role == "pilot")[:, None] & (since >= 2)
    ess_offset = rng.normal(0.0, 0.1, size=(n, 10))
    codes = _question_codes()
    frames = []
    for level, is_level, mx in (("preliminary", assess & ~detailed, 3), ("detailed", assess & detailed, 5)):
        mi, yi = np.nonzero(is_level)
        if len(mi) == 0:
            continue
        ess, qs = codes[level]
        nq = len(qs)
        a_m = np.repeat(mi, nq)
        a_y = np.repeat(yi, nq)
        a_e = np.tile(ess, len(mi))
        qv = capacity[a_m, 2, a_y] + ess_offset[a_m, a_e - 1] + rng.normal(0.0, 0.12, size=len(a_m))
        score = np.clip(np.round(qv * mx), 0, mx).astype(int)
        # one assessment in ten leaves a question unanswered (coverage below 100 %)
        skip = np.zeros(len(a_m), dtype=bool)
        skipping = rng.random(len(mi)) < 0.1
        which = rng.integers(0, nq, size=len(mi))
        skip[(np.arange(len(mi)) * nq + which)[skipping]] = True
        keep = ~skip
        frames.append(pd.DataFrame({
            "municipality_code": muni["code"].to_numpy(dtype=object)[a_m[keep]],
            "year": y[a_y[keep]].astype(np.int32),
            "level": level,
            "essential": a_e[keep].astype(np.int32),
            "question": np.tile(qs, len(mi))[keep],
            "score": score[keep].astype(np.int32),
        }, columns=SCORECARD_COLUMNS))
    if not frames:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    return pd.concat(frames, ignore_index=True)
