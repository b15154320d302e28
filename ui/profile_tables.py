"""Tables shown on the municipality profile, built from data-layer frames (pure pandas + translations)."""
from __future__ import annotations

import pandas as pd

from indicators import network
from indicators.change import peer_rank
from indicators.missing import is_missing
from ui import action_labels, fmt, tables
from ui.i18n import t
from indicators.catalogue import THEMES

CATEGORY_ORDER = ["stationary", "mobile", "fugitive", "wastewater", "electricity", "water", "paper", "waste",
                  "upstream"]


def label_rows(rows: pd.DataFrame, factors: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Activity rows with display columns: scope, category, name (activity name in ``lang``)."""
    names = factors.drop_duplicates("activity").set_index("activity")["name_th" if lang == "th" else "name_en"]
    out = rows.copy()
    out["scope"] = pd.to_numeric(out["scope"], errors="coerce")
    out["category"] = out["category"].fillna("other")
    out["name"] = out["activity"].map(names).fillna(out["activity"])
    out["tco2e"] = pd.to_numeric(out["tco2e"], errors="coerce").astype(float)
    return out


def cfo_by_category(table: pd.DataFrame) -> pd.DataFrame:
    """The CFO table by scope and category (``data.figures.inventories.cfo_table``) with each row's share of the
    total (%), largest first, labelled."""
    g = table[table["tco2e"].notna()].copy()
    total = g["tco2e"].sum()
    g["%"] = g["tco2e"] / total * 100 if total else None
    g = g.sort_values("tco2e", ascending=False)
    return pd.DataFrame({t("scope.label"): g["scope"].map(lambda s: t(f"scope.{int(s)}")),
                         t("category.label"): g["category"].map(lambda c: t(f"cat.{c}")),
                         t("col.tco2e"): g["tco2e"], t("col.share_pct"): g["%"]})


def gpc_display(gpc: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The GPC reporting table: reference number, name, scope, level, tCO2e, notation key, data quality."""
    cols = {"gpc_ref": t("col.gpc_ref"), "name": t("gpc.col.name"), "scope": t("gpc.col.scope"),
            "level": t("gpc.col.level"), "tco2e": t("col.tco2e"), "notation_key": t("gpc.col.notation"),
            "explanation": t("gpc.col.explanation"), "data_quality": t("profile.dq")}
    out = gpc[[c for c in cols if c in gpc.columns]].copy()
    if "scope" in out:
        out["scope"] = out["scope"].map(lambda s: None if is_missing(s) else t(f"scope.{int(s)}"))
    if "level" in out:
        out["level"] = out["level"].map(lambda v: None if is_missing(v) else t(f"level.{v}"))
    return out.rename(columns=cols)


def wma_cells(wma_block: dict, explain: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long frame theme, dimension, score, confidence from the summary ``wma`` block (+ confidence if known)."""
    rows = []
    for theme in THEMES:
        for d in ("1", "2", "3", "4"):
            score = (wma_block.get(theme) or {}).get(d)
            rows.append({"theme": theme, "dimension": int(d), "score": float("nan") if score is None else score})
    cells = pd.DataFrame(rows)
    if explain is not None and not explain.empty and {"theme", "dimension", "confidence"} <= set(explain.columns):
        conf = explain.groupby(["theme", "dimension"], as_index=False)["confidence"].first()
        cells = cells.merge(conf, on=["theme", "dimension"], how="left")
    return cells


def data_flags(rows: pd.DataFrame, summary: dict) -> list[str]:
    """Plain-language data-quality flags for the profile: low-quality rows, incomplete months, no base year,
    rows that found no factor."""
    flags = []
    low = int((rows["data_quality"] == "L").sum())
    if low:
        flags.append(t("profile.flag_low", n=low))
    cfo = rows[(rows["inventory"] == "CFO") & rows["month"].notna()]
    if not cfo.empty:
        months = cfo.groupby("activity")["month"].nunique()
        short = int((months < 12).sum())
        if short:
            flags.append(t("profile.flag_missing_months", n=short))
    if summary.get("base_year") is None:
        flags.append(t("profile.flag_no_base"))
    if "status" in rows:
        bad = int((rows["status"] != "ok").sum())
        if bad:
            flags.append(t("profile.flag_unmatched", n=bad))
    return flags or [t("profile.flag_ok")]


def drill_groups(rows: pd.DataFrame) -> list[str]:
    """Filter choices for the drill-down: 'CFO · Scope 1 · Mobile combustion' …, 'CCF · II.1.1' …"""
    out = []
    for (scope, cat), _ in rows[rows["inventory"] == "CFO"].groupby(["scope", "category"]):
        out.append(f"CFO · {t(f'scope.{int(scope)}')} · {t(f'cat.{cat}')}")
    for ref, _ in rows[rows["inventory"] == "CCF"].groupby("gpc_ref"):
        out.append(f"CCF · {ref}")
    return out


def drill_rows(rows: pd.DataFrame, group: str, lang: str) -> pd.DataFrame:
    """The activity rows of one drill-down group ('*' = all) with amount, factor, source and tCO2e."""
    sel = rows
    if group != "*":
        parts = group.split(" · ")
        if parts[0] == "CFO":
            keys = {(f"{t(f'scope.{int(s)}')}", t(f"cat.{c}")): (s, c)
                    for s, c in rows[rows["inventory"] == "CFO"][["scope", "category"]].drop_duplicates().itertuples(index=False)}
            scope, cat = keys.get((parts[1], parts[2]), (None, None))
            sel = rows[(rows["inventory"] == "CFO") & (rows["scope"] == scope) & (rows["category"] == cat)]
        else:
            sel = rows[(rows["inventory"] == "CCF") & (rows["gpc_ref"] == parts[1])]
    sel = sel.assign(unit=tables.unit_names(sel["unit"])) if "unit" in sel else sel
    cols = {"inventory": t("drill.inventory"), "gpc_ref": t("col.gpc_ref"), "name": t("drill.item"),
            "month": t("drill.month"), "amount": t("drill.amount"), "unit": t("drill.unit"),
            "factor_id": t("drill.factor"), "kgco2e_per_unit": t("col.ef"), "tco2e": t("col.tco2e"),
            "data_quality": t("profile.dq"), "source": t("drill.data_source"), "factor_source": t("drill.factor_source")}
    return sel[[c for c in cols if c in sel.columns]].rename(columns=cols)


def essentials_display(scorecard: pd.DataFrame) -> pd.DataFrame:
    """UNDRR Ten Essentials: one row per essential with label and score in % of the maximum."""
    df = scorecard.copy()
    df["label"] = df["essential"].map(lambda e: f"{int(e)}. {t(f'undrr.e{int(e)}')}")
    df["score_pct"] = pd.to_numeric(df["score_pct"], errors="coerce").astype(float)
    return df.sort_values("essential")


def essentials_download(ess: pd.DataFrame) -> pd.DataFrame:
    """The Ten Essentials chart's data as a file: essential, points, maximum and score in % of the maximum,
    headers translated (``ess`` from ``essentials_display``)."""
    cols = {"label": t("actions.col.essential"), "points": t("download.col.points"),
            "max_points": t("download.col.max_points"), "score_pct": t("download.col.score_pct")}
    return ess[[c for c in cols if c in ess.columns]].rename(columns=cols).reset_index(drop=True)


def wma_download(cells: pd.DataFrame) -> pd.DataFrame:
    """The Whole-Municipality heatmap's data as a file: theme, dimension, score (0-100, empty without
    evidence) and confidence where known, in words and with translated headers (``cells`` from ``wma_cells``)."""
    out = pd.DataFrame({t("theme.label"): cells["theme"].map(lambda x: t(f"theme.{x}")),
                        t("download.col.dimension"): cells["dimension"].map(lambda d: f"{int(d)} {t(f'dim.{int(d)}')}"),
                        t("unit.score"): cells["score"].astype(float)})
    if "confidence" in cells.columns:
        out[t("download.col.confidence")] = cells["confidence"].astype(float).values
    return out


def explain_display(cells: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The derivation of every Whole-Municipality cell: indicator, value, score 0-100, weight, contribution."""
    df = cells.copy()
    cols = {"theme": t("actions.col.theme"), "dimension": t("explain.dimension"),
            "name": t("explain.indicator"), "value": t("explain.value"), "unit": t("drill.unit"),
            "score": t("explain.score"), "weight": t("explain.weight"), "contribution": t("explain.contribution"),
            "cell_score": t("explain.cell_score"), "confidence": t("wma.confidence"), "evidence": t("explain.evidence")}
    df["theme"] = df["theme"].map(lambda x: t(f"theme.{x}"))
    df["dimension"] = df["dimension"].map(lambda d: f"{int(d)} {t(f'dim.{int(d)}')}")
    df["name"] = df["name_th" if lang == "th" else "name_en"]
    if "unit" in df:
        df["unit"] = tables.unit_names(df["unit"])
    return df[[c for c in cols if c in df.columns]].rename(columns=cols).round(2)


def actions_display(actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The A-S-I registry of one municipality as a readable table (years in พ.ศ. in Thai)."""
    df = actions.copy()
    title = df["title_th"] if lang == "th" else df["title_en"].fillna(df["title_th"])
    out = pd.DataFrame({
        t("actions.col.title"): title,
        t("actions.col.theme"): df["theme"].map(lambda x: t(f"theme.{x}")),
        t("actions.col.class"): action_labels.class_labels(df),
        t("actions.col.status"): df["status"].map(lambda x: t(f"status.{x}")),
        t("actions.col.department"): tables.department_names(df["department"]),
        t("actions.col.years"): [fmt.year_range(a, b, lang) for a, b in zip(df["start_year"], df["end_year"])],
        t("actions.col.budget"): df["budget_thb"],
        t("actions.col.expected"): df["expected_tco2e"],
        t("actions.col.achieved"): df["achieved_tco2e"],
        t("actions.col.bike_km"): df["bike_lane_km"],
    })
    return out


def network_table(figures: pd.DataFrame, munis: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """Every LAO's headline figures in ``year`` (for the profile page when no LAO is chosen)."""
    f = figures[figures["year"] == year]
    df = munis.merge(f, on="code", how="left")
    role = df["role"].fillna("none")
    # each distinct value translated once: t() per row of 7,850 LAOs took ~0.3 s on every rerun
    types = {x: t(f"type.{x}") for x in df["type"].unique()}
    roles = {x: t(f"role.{x}") for x in role.unique()}
    yes, no = t("kpi.yes"), t("kpi.no")
    return pd.DataFrame({
        "municipality": [f"{a} ({c})" for a, c in zip(df["name_th" if lang == "th" else "name_en"], df["code"])],
        "overview.type": df["type"].map(lambda x: types[x]),
        "overview.role": role.map(lambda x: roles[x]),
        "ind.cfo_total": df["cfo_total"],
        "ind.per_capita": df["per_capita"],
        "ind.reduction_pct": df["reduction_pct"],
        "kpi.award": df["award_eligible"].map(lambda v: "—" if fmt.is_missing(v) else (yes if v else no)),
    })


def answer_line(summary: dict, lang: str) -> str:
    """The profile's first sentence: the reduction against the base year and the award status in words, or why
    there is no reduction figure (no base year, or no CFO for this year)."""
    red, base = summary.get("reduction_pct"), summary.get("base_year")
    if (summary.get("cfo") or {}).get("total") is None:
        return t("answer.no_cfo", lang)
    if base is None or fmt.is_missing(base):
        return t("answer.no_base", lang)
    if red is None or fmt.is_missing(red):
        return t("answer.not_comparable", lang, base=fmt.year_label(base, lang))
    key = "answer.cut" if red >= 0 else "answer.rise"
    line = t(key, lang, pct=fmt.num(abs(red), 2), base=fmt.year_label(base, lang))
    award = summary.get("award_eligible")
    if award is not None:
        line += " · " + t("answer.award_yes" if award else "answer.award_no", lang)
    return line


def change_display(changes: pd.DataFrame, labels: dict, lang: str) -> pd.DataFrame:
    """The change table as shown: the group's name, base year and this year in tCO₂e, change in t and %, share
    to the overall change; headers translated with units."""
    out = pd.DataFrame({
        t("why.col.group", lang): [labels.get(g, g) for g in changes["group"]],
        t("why.col.base", lang): changes["base_t"].astype(float),
        t("why.col.year", lang): changes["year_t"].astype(float),
        t("why.col.change_t", lang): changes["change_t"].astype(float),
        t("why.col.change_pct", lang): changes["change_pct"].astype(float),
        t("why.col.share", lang): changes["contribution_pts"].astype(float),
    })
    if "activity_effect_t" in changes.columns:
        out[t("why.col.activity", lang)] = changes["activity_effect_t"].astype(float).values
        out[t("why.col.factor", lang)] = changes["factor_effect_t"].astype(float).values
    return out


def peer_line(figures: pd.DataFrame, munis: pd.DataFrame, muni, year: int, lang: str) -> str | None:
    """'Reduction rank: 3 of 12 among town municipalities of similar size · 5 of 20 in the Central region'
    (peers = same type, population within ×½–×2; region = same region), or None without a reduction."""
    code = muni["code"]
    year_figs = figures[figures["year"] == year][["code", "reduction_pct"]]
    by_type = peer_rank(year_figs[year_figs["code"].isin(network.peer_group(munis, code)["code"])], code,
                        "reduction_pct")
    region = munis.loc[munis["region_code"] == muni["region_code"], "code"]
    by_region = peer_rank(year_figs[year_figs["code"].isin(region)], code, "reduction_pct")
    if by_type is None or by_region is None:
        return None
    return t("peers.line", lang,
             rank_type=t("peers.rank", lang, rank=by_type[0], n=by_type[1]),
             type=t(f"type.{muni['type']}", lang),
             rank_region=t("peers.rank", lang, rank=by_region[0], n=by_region[1]),
             region=muni["region_th"] if lang == "th" else muni["region_en"])
