"""What goes into a report: read once through the data layer, then plain Python and pandas.

``collect_municipality`` and ``collect_network`` are the only functions here that touch the database, and only
through ``data.queries``, ``data.figures.inventories``, ``data.figures.scores`` and
``data.figures.summary``; everything after them (the
PDF and Excel writers) works on the frozen figures, so both formats show the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import pandas as pd

from indicators import emissions as em
from indicators.catalogue import THEMES
from indicators import wma as wma_mod
from indicators.missing import is_missing as missing

DIMENSIONS = (1, 2, 3, 4)
ASI = ("avoid", "shift", "improve")
PROGRAMME_ROLES = ("pilot", "replicating")


@dataclass
class MunicipalityReport:
    """Every figure of one municipality-year report."""
    code: str
    year: int
    gwp_set: str
    muni: dict
    mentor: dict | None
    is_demo: bool
    generated: datetime
    summary: dict
    cfo: pd.DataFrame              # scope, category, tco2e, n_rows
    ccf: pd.DataFrame              # data.summary.ccf_table
    trend: pd.DataFrame            # year, cfo_scope1-3, cfo_total, ccf_basic(_plus), like-for-like reduction, award
    wma_row: dict | None           # theme scores and cells of the Whole-Municipality matrix
    wma_explain: pd.DataFrame      # per indicator: value, score, cell score
    actions: pd.DataFrame          # actions started by the reporting year
    factors: pd.DataFrame          # factors used (one row per factor id)
    activity: pd.DataFrame         # every activity row with its factor and tCO2e (data.figures.inventories.activity_emissions)
    quality: dict = field(default_factory=dict)  # inventory -> share of tCO2e by H/M/L/unknown

    @property
    def has_ccf(self) -> bool:
        """True when the municipality has a city inventory figure this year."""
        c = self.summary["ccf"]
        return c["basic"] is not None or c["basic_plus"] is not None


@dataclass
class NetworkReport:
    """The network report: one row per pilot or replicating city plus their per-city figures."""
    year: int
    gwp_set: str
    is_demo: bool
    generated: datetime
    cities: pd.DataFrame           # one row per city, summary table columns
    trends: pd.DataFrame           # network_summary rows of all years for these cities
    wma: dict[str, dict | None]    # code -> summary-JSON wma block
    asi: dict[str, dict | None]    # code -> summary-JSON asi block


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with NA turned into None."""
    return [{k: (None if missing(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


# --- municipality -----------------------------------------------------------------------------------------------

def collect_municipality(con, code: str, year: int, gwp_set: str = "AR5") -> MunicipalityReport:
    """Read every figure of one municipality-year report. Raises ``data.figures.inventories.UnknownMunicipality`` for a
    code that is not in the database."""
    from data.figures import scores
    from data.queries import indicator_rows
    from data.queries import lookups
    from data.figures import inventories
    from data.figures import summary
    from data.store import dataset

    muni = lookups.municipality(con, code)
    if muni is None:
        raise inventories.UnknownMunicipality(code)
    muni = {k: (None if missing(v) else v) for k, v in muni.items()}
    mentor = lookups.municipality(con, muni["mentor_code"]) if muni.get("mentor_code") else None
    info = dataset.dataset_info(con)
    summ = summary.municipality_summary(con, code, year, gwp_set=gwp_set)
    trend_full = inventories.municipality_trend(con, code, gwp_set=gwp_set)
    trend = trend_full[["year", "cfo_scope1", "cfo_scope2", "cfo_scope3", "cfo_total", "ccf_basic", "ccf_basic_plus",
                        "base_year", "base_total", "reduction_pct", "award_eligible", "reduction_t",
                        "reduction_comparable", "activity_effect_pct", "factor_effect_pct", "reduction_missing",
                        "reduction_reasons"]].copy()
    # the same precision as the summary JSON, so a trend figure and the JSON figure of a year are equal
    tcols = ["cfo_scope1", "cfo_scope2", "cfo_scope3", "cfo_total", "ccf_basic", "ccf_basic_plus", "base_total"]
    trend[tcols] = trend[tcols].astype("Float64").round(inventories.TCO2E_DECIMALS)
    activity = inventories.activity_emissions(con, code, year, gwp_set=gwp_set)
    library = lookups.factor_library(con)
    # one evidence read, with the figures already computed, feeds both the matrix row and its explanation
    figures = trend_full[trend_full["year"] == int(year)]
    evidence = scores.evidence(con, code, year, figures)
    catalogue = indicator_rows.catalogue(con)
    matrix = wma_mod.wma_matrix(evidence, catalogue)
    row = matrix[(matrix["code"] == code) & (matrix["year"] == int(year))]
    all_actions = indicator_rows.actions(con, code)
    return MunicipalityReport(
        code=code, year=int(year), gwp_set=gwp_set, muni=muni,
        mentor={k: v for k, v in mentor.items()} if mentor else None,
        is_demo=bool(info.get("is_demo", False)), generated=datetime.now(timezone.utc),
        summary=summ,
        cfo=inventories.cfo_table(con, code, year, gwp_set=gwp_set),
        ccf=inventories.ccf_table(con, code, year, gwp_set=gwp_set),
        trend=trend,
        wma_row=_records(row)[0] if len(row) else None,
        wma_explain=wma_mod.explain(evidence, catalogue, code, int(year)) if len(row) else pd.DataFrame(),
        actions=actions_started(all_actions, year),
        factors=factors_used(activity, library),
        activity=activity,
        quality={"CFO": em.quality_shares(activity[activity["inventory"] == "CFO"]),
                 "CCF": inventories.ccf_quality(con, code, year, gwp_set=gwp_set)},
    )


def actions_started(actions: pd.DataFrame, year: int) -> pd.DataFrame:
    """Actions that had started by ``year`` (any status), ordered Avoid, Shift, Improve, then resilience actions
    by UNDRR essential, then start year."""
    if actions.empty:
        return actions
    a = actions[actions["start_year"] <= int(year)].copy()
    # resilience actions have no A-S-I type: after the mitigation ones, in essential order
    ess = a["undrr_essential"] if "undrr_essential" in a.columns else pd.Series(0, index=a.index)
    a["_asi"] = a["asi"].map({k: i for i, k in enumerate(ASI)}).astype(float).fillna(
        len(ASI) + ess.astype("Float64").fillna(0).astype(float))
    return a.sort_values(["_asi", "start_year", "action_id"]).drop(columns="_asi").reset_index(drop=True)


def factors_used(activity: pd.DataFrame, library: pd.DataFrame) -> pd.DataFrame:
    """One row per emission factor (or landfill model) that produced a figure: factor id, activity, names,
    unit, kgCO2e per unit under the GWP set, basis, validity, source, inventories and number of rows.
    Activity rows with no usable factor are listed with status ``no_factor`` / ``unit_mismatch``."""
    cols = ["factor_id", "activity", "name_th", "name_en", "unit", "kgco2e_per_unit", "gwp_set", "gwp_basis",
            "valid_from", "valid_to", "source", "inventories", "n_rows", "status"]
    if activity.empty:
        return pd.DataFrame(columns=cols)
    a = activity.copy()
    a["factor_id"] = a["factor_id"].fillna("—")
    g = a.groupby(["factor_id", "activity", "status"], as_index=False, dropna=False).agg(
        unit=("factor_unit", "first"), row_unit=("unit", "first"), kgco2e_per_unit=("kgco2e_per_unit", "first"),
        gwp_set=("gwp_set", "first"), gwp_basis=("gwp_basis", "first"), source=("factor_source", "first"),
        inventories=("inventory", lambda s: ", ".join(sorted(set(s), reverse=True))), n_rows=("amount", "size"))
    g["unit"] = g["unit"].fillna(g["row_unit"])
    lib = library[["factor_id", "name_th", "name_en", "valid_from", "valid_to"]].drop_duplicates("factor_id")
    names = library[["activity", "name_th", "name_en"]].drop_duplicates("activity")
    g = g.merge(lib, on="factor_id", how="left")
    fill = g[["activity"]].merge(names, on="activity", how="left")
    g["name_th"] = g["name_th"].fillna(fill["name_th"]).fillna(g["activity"])
    g["name_en"] = g["name_en"].fillna(fill["name_en"]).fillna(g["activity"])
    for c in ("valid_from", "valid_to"):
        g[c] = pd.to_datetime(g[c], errors="coerce").dt.date
    return g.sort_values(["inventories", "activity", "factor_id"], ascending=[False, True, True])[cols] \
        .reset_index(drop=True)


# --- network ----------------------------------------------------------------------------------------------------

def collect_network(con, year: int, gwp_set: str = "AR5") -> NetworkReport:
    """Read the network report's figures: every pilot and replicating city (pilots first, each followed by the
    cities it mentors)."""
    from data.figures import scores
    from data.queries import indicator_rows
    from data.queries import lookups
    from data.figures import inventories
    from data.store import dataset

    munis = lookups.municipalities(con)
    info = dataset.dataset_info(con)
    trends = inventories.network_summary(con, gwp_set=gwp_set)
    tcols = [c for c in trends.columns if c.startswith(("cfo_", "ccf_")) or c == "base_total"]
    trends[tcols] = trends[tcols].astype("Float64").round(inventories.TCO2E_DECIMALS)
    figures = trends[trends["year"] == int(year)]
    wma = scores.network_wma(con, year, figures)
    actions = indicator_rows.actions(con)
    cities = network_table(munis, figures, wma)
    from indicators import asi as asi_mod

    asi = {c: asi_mod.summary_block(actions[actions["municipality_code"] == c], int(year)) for c in cities["code"]}
    wma_blocks = {c: _wma_block(wma, c) for c in cities["code"]}
    return NetworkReport(year=int(year), gwp_set=gwp_set, is_demo=bool(info.get("is_demo", False)),
                         generated=datetime.now(timezone.utc), cities=cities,
                         trends=trends[trends["code"].isin(cities["code"])].reset_index(drop=True),
                         wma=wma_blocks, asi=asi)


def _wma_block(wma: pd.DataFrame, code: str) -> dict | None:
    row = wma[wma["code"] == code]
    return wma_mod.summary_block(row.iloc[0]) if len(row) else None


def network_table(munis: pd.DataFrame, figures: pd.DataFrame, wma: pd.DataFrame) -> pd.DataFrame:
    """Pilot and replicating cities with their year's figures, ordered pilot then its replicating cities:
    code, names, type, province, role, mentor code/name, population, base year, base total, CFO total, scopes,
    reduction %, award, CCF BASIC / BASIC+, WMA overall."""
    m = munis[munis["role"].isin(PROGRAMME_ROLES)].copy()
    names = munis.set_index("code")[["name_th", "name_en"]]
    m["mentor_th"] = m["mentor_code"].map(names["name_th"])
    m["mentor_en"] = m["mentor_code"].map(names["name_en"])
    f = figures.drop(columns=["population", "area_km2", "base_year"], errors="ignore")
    m = m.merge(f, on="code", how="left")
    wcols = {"overall": "wma_overall", **{t: f"wma_{t}" for t in THEMES}}
    m = m.merge(wma[["code", *wcols]].rename(columns=wcols), on="code", how="left")
    m["_group"] = m["mentor_code"].where(m["role"] == "replicating", m["code"])
    m["_pilot_first"] = (m["role"] != "pilot").astype(int)
    m = m.sort_values(["_group", "_pilot_first", "code"]).drop(columns=["_group", "_pilot_first"])
    return m.reset_index(drop=True)
