"""The municipality report and the network report as Excel workbooks.

The same tables as the PDF, one per sheet, with numbers as numbers (number formats, blank where missing), years
as CE and BE columns, the CCF in the GPC reporting layout and a LESS-style sheet of reductions against the base
year. The Summary sheet carries a ``key`` column naming each figure as in the summary JSON (``cfo.total`` ...)
so that the workbook can be checked against ``python -m data summary --json``.
"""
from __future__ import annotations

import pandas as pd

from reports.content import ASI, DIMENSIONS, THEMES, MunicipalityReport, NetworkReport, missing
from reports.labels import label
from reports.pdf import CATEGORY_ORDER, name_of
from reports.xlsx_base import Workbook, XCol
from indicators import asi as asi_mod
from ui import action_labels, fmt, verdicts
from ui.i18n import t as t_


def _be(year):
    return None if missing(year) else fmt.be(int(year))


def _t(key: str, lang: str, fallback: str) -> str:
    text = label(key, lang)
    return fallback if text == key else text


def _header(wb: Workbook, ws, title: str, is_demo: bool, lang: str, subtitle: str | None = None) -> int:
    row = wb.title(ws, title)
    if subtitle:
        row = wb.note(ws, subtitle, row)
    if is_demo:
        row = wb.demo_banner(ws, label("demo.label", lang), row)
    return row + 1


def summary_records(r: MunicipalityReport, lang: str) -> list[dict]:
    """The Summary sheet's figures: key (as in the summary JSON), label, value, unit."""
    s = r.summary
    unit = "tCO2e"
    recs = [
        ("cfo.scope1", label("scope.1", lang) + " (CFO)", s["cfo"]["scope1"], unit, "t"),
        ("cfo.scope2", label("scope.2", lang) + " (CFO)", s["cfo"]["scope2"], unit, "t"),
        ("cfo.scope3", label("scope.3", lang) + " (CFO)", s["cfo"]["scope3"], unit, "t"),
        ("cfo.total", label("key.cfo_total", lang), s["cfo"]["total"], unit, "t"),
        ("ccf.basic", label("key.ccf_basic", lang), s["ccf"]["basic"], unit, "t"),
        ("ccf.basic_plus", label("key.ccf_basic_plus", lang), s["ccf"]["basic_plus"], unit, "t"),
    ]
    for sector, v in s["ccf"]["by_sector"].items():
        recs.append((f"ccf.by_sector.{sector}", f"{label('col.sector', lang)} {sector} (BASIC+)", v, unit, "t"))
    missing = s["ccf"].get("basic_missing")
    recs.append(("ccf.basic_missing", verdicts.completeness_text(missing, lang) or t_("basic.completeness", lang),
                 None if missing is None else "; ".join(missing), "GPC", "text"))
    recs += [
        ("base_year", label("base_year", lang) + " (" + label("col.year_ce", lang) + ")", s["base_year"], "", "year"),
        ("base_year_be", label("base_year", lang) + " (" + label("col.year_be", lang) + ")", _be(s["base_year"]), "",
         "year"),
        ("base_total", label("key.base_total", lang), s["base_total"], unit, "t"),
        ("reduction_pct", label("key.reduction", lang), s["reduction_pct"], "%", "pct"),
        ("award_eligible", label("key.award", lang), s["award_eligible"], "", "bool"),
    ]
    red = s.get("reduction") or {}
    recs += [
        ("reduction.pct", label("key.reduction", lang), red.get("pct"), "%", "pct"),
        ("reduction.comparable", t_("reduction.like_for_like", lang), red.get("comparable"), "", "bool"),
        ("reduction.reasons", t_("reduction.not_comparable", lang), "; ".join(red.get("reasons") or []), "", "text"),
        ("reduction.missing", t_("reduction.not_comparable", lang), "; ".join(red.get("missing") or []), "", "text"),
        ("reduction.activity_effect_pct", t_("reduction.actions", lang), red.get("activity_effect_pct"), "%", "pct"),
        ("reduction.factor_effect_pct", t_("reduction.factor", lang), red.get("factor_effect_pct"), "%", "pct"),
        ("reduction.reason_codes", t_("reduction.not_comparable", lang), "; ".join(red.get("reason_codes") or []),
         "", "text"),
        ("per_capita", label("key.per_capita", lang), s["per_capita"], label("unit.tco2e_pc", lang), "t3"),
    ]
    wma = s.get("wma") or {}
    for theme in THEMES:
        for d in DIMENSIONS:
            v = (wma.get(theme) or {}).get(str(d))
            recs.append((f"wma.{theme}.{d}", f"{label(f'theme.{theme}', lang)} · {d}. {label(f'dim.{d}', lang)}", v,
                         "0-100", "num"))
    recs.append(("wma.overall", label("key.wma_overall", lang), wma.get("overall"), "0-100", "num"))
    recs.append(("wma.confidence", t_("evidence.confidence", lang, pct=""), wma.get("confidence"), "0-1", "num"))
    recs.append(("wma.cells_with_evidence", t_("evidence.not_enough", lang, n="n"), wma.get("cells_with_evidence"),
                 "/ 12", "int"))
    asi = s.get("asi") or {}
    for k in ASI:
        b = asi.get(k) or {}
        recs.append((f"asi.{k}.actions", f"{label(f'asi.{k}', lang)} · {label('col.actions', lang)}",
                     b.get("actions"), "", "int"))
        recs.append((f"asi.{k}.reduction_t", f"{label(f'asi.{k}', lang)} · {label('asi.reduction', lang)}",
                     b.get("reduction_t"), "tCO2e/yr", "t"))
    return [{"key": k, "label": lab, "value": v, "unit": u, "_kind": kind} for k, lab, v, u, kind in recs]


def less_fields(row, lang: str) -> dict:
    """The like-for-like fields of one network-table row (or a dict of its values): reduction t and % over
    what both years report, the split "from your actions / from the grid factor" and, when the year is not
    comparable with its base year, no reduction figure but the reasons (``indicators.like_for_like``)."""
    v = {k: (None if missing(x) else x) for k, x in dict(row).items()}
    comparable = bool(v.get("reduction_comparable")) if v.get("reduction_comparable") is not None else False
    reasons = verdicts.row_reasons(v, lang) if not comparable else []
    return {"reduction_t": v.get("reduction_t") if comparable else None,
            "reduction_pct": v.get("reduction_pct") if comparable else None,
            "activity_effect_pct": v.get("activity_effect_pct") if comparable else None,
            "factor_effect_pct": v.get("factor_effect_pct") if comparable else None,
            "award_eligible": v.get("award_eligible"),
            "note": "; ".join(reasons) if reasons else None}


def less_records(trend: pd.DataFrame, base_year, base_total, until_year: int, lang: str = "en") -> list[dict]:
    """LESS-style rows from the base year to ``until_year``: CFO total, like-for-like reduction t and %, the
    split from actions / from the grid factor, award eligibility, and the reason where a year is not
    comparable with its base year (then no reduction figure: a missing source is not a cut)."""
    if missing(base_year):
        return []
    rows = trend[(trend["year"] >= int(base_year)) & (trend["year"] <= int(until_year))]
    out = []
    for _, row in rows.iterrows():
        cur = None if missing(row["cfo_total"]) else float(row["cfo_total"])
        out.append({"year": int(row["year"]), "year_be": fmt.be(int(row["year"])), "base_year": int(base_year),
                    "base_year_be": fmt.be(int(base_year)), "base_total": base_total, "current_total": cur,
                    **less_fields(row, lang)})
    return out


def _less_columns(lang: str, with_city: bool = False) -> list[XCol]:
    city = [XCol("code", "code", "text", 10), XCol("name", label("col.name", lang), "text", 34),
            XCol("role", label("role", lang), "text", 14)] if with_city else []
    return city + [
        XCol("base_year", label("base_year", lang) + " " + label("col.year_ce", lang), "year", 11),
        XCol("base_year_be", label("base_year", lang) + " " + label("col.year_be", lang), "year", 11),
        XCol("base_total", label("col.base_total", lang), "t", 16),
        XCol("year", label("col.year_ce", lang), "year", 10),
        XCol("year_be", label("col.year_be", lang), "year", 10),
        XCol("current_total", label("less.current_total", lang), "t", 18),
        XCol("reduction_t", label("less.reduction_t", lang), "t", 16),
        XCol("reduction_pct", label("less.reduction_pct", lang), "pct", 13),
        XCol("activity_effect_pct", t_("reduction.actions", lang) + " (%)", "pct", 14),
        XCol("factor_effect_pct", t_("reduction.factor", lang) + " (%)", "pct", 14),
        XCol("award_eligible", label("key.award", lang), "bool", 16),
        XCol("note", t_("reduction.not_comparable", lang), "text", 48),
    ]


# --- municipality workbook ----------------------------------------------------------------------------------------

def municipality_xlsx(r: MunicipalityReport, lang: str = "th") -> bytes:
    """The municipality-year workbook as .xlsx bytes."""
    wb = Workbook()
    name = name_of(r.muni, lang)
    subtitle = f"{name} · {label('year.report', lang)} {label('year.be_ce', lang, be=fmt.be(r.year), ce=r.year)}"
    _summary_sheet(wb, r, lang, subtitle)
    _less_sheet(wb, r, lang, subtitle)
    _cfo_sheet(wb, r, lang, subtitle)
    _ccf_sheet(wb, r, lang, subtitle)
    _trend_sheet(wb, r, lang, subtitle)
    _wma_sheet(wb, r, lang, subtitle)
    _actions_sheet(wb, r, lang, subtitle)
    _factors_sheet(wb, r, lang, subtitle)
    _activity_sheet(wb, r, lang, subtitle)
    _about_sheet(wb, r.is_demo, r.gwp_set, r.generated, lang)
    return wb.close()


def _summary_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.summary", lang))
    row = _header(wb, ws, label("report.title", lang), r.is_demo, lang, subtitle)
    m = r.muni
    info = [
        {"label": "code", "value": r.code, "_kind": "text"},
        {"label": label("col.name", lang) + " (TH)", "value": m.get("name_th"), "_kind": "text"},
        {"label": label("col.name", lang) + " (EN)", "value": m.get("name_en"), "_kind": "text"},
        {"label": label("province", lang), "value": m.get("province_th") if lang == "th" else m.get("province_en"),
         "_kind": "text"},
        {"label": label("type", lang), "value": label(f"type.{m['type']}", lang), "_kind": "text"},
        {"label": label("role", lang), "value": label(f"role.{m['role']}", lang) if m.get("role") else
         label("role.none", lang), "_kind": "text"},
        {"label": label("mentor", lang), "value": name_of(r.mentor, lang) if r.mentor else None, "_kind": "text"},
        {"label": label("population", lang), "value": m.get("population"), "_kind": "int"},
        {"label": label("area", lang), "value": m.get("area_km2"), "_kind": "num"},
        {"label": label("year.report", lang) + " " + label("col.year_ce", lang), "value": r.year, "_kind": "year"},
        {"label": label("year.report", lang) + " " + label("col.year_be", lang), "value": fmt.be(r.year),
         "_kind": "year"},
        {"label": label("gwp_set", lang), "value": r.gwp_set, "_kind": "text"},
    ]
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 46)
    ws.set_column(2, 2, 18)
    ws.set_column(3, 3, 16)
    for rec in info:
        ws.write_string(row, 0, rec["label"], wb.fmt_text_bold)
        wb.write_value(ws, row, 1, rec["value"], rec["_kind"])
        row += 1
    row += 1
    cols = [XCol("key", "key", "text", 22), XCol("label", label("col.field", lang), "text", 46),
            XCol("value", label("col.value", lang), "num", 18), XCol("unit", label("col.unit", lang), "text", 16)]
    for j, c in enumerate(cols):
        ws.write_string(row, j, c.heading, wb.fmt_head)
    for rec in summary_records(r, lang):
        row += 1
        wb.write_value(ws, row, 0, rec["key"], "text")
        wb.write_value(ws, row, 1, rec["label"], "text")
        wb.write_value(ws, row, 2, rec["value"], rec["_kind"])
        wb.write_value(ws, row, 3, rec["unit"], "text")
    ws.freeze_panes(1, 0)


def _less_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.less", lang))
    row = _header(wb, ws, label("less.title", lang), r.is_demo, lang, subtitle)
    s = r.summary
    this_year = r.trend[r.trend["year"] == r.year]
    current = [{"base_year": s["base_year"], "base_year_be": _be(s["base_year"]), "base_total": s["base_total"],
                "year": r.year, "year_be": fmt.be(r.year), "current_total": s["cfo"]["total"],
                **(less_fields(this_year.iloc[0], lang) if len(this_year) else
                   {"award_eligible": s["award_eligible"], "note": "; ".join(s["reduction"]["reasons"])})}]
    row = wb.table(ws, row, _less_columns(lang), current, filter_=False)
    row = wb.note(ws, label("less.note", lang), row)
    row = wb.note(ws, t_("reduction.like_for_like", lang), row) + 1
    history = less_records(r.trend, s["base_year"], s["base_total"], r.year, lang)
    if history:
        wb.table(ws, row, _less_columns(lang), history)


def _cfo_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.cfo", lang))
    row = _header(wb, ws, label("sec.cfo", lang), r.is_demo, lang, subtitle)
    cfo = r.summary["cfo"]
    total = cfo["total"]
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    recs, bold = [], []
    for scope in (1, 2, 3):
        part = r.cfo[r.cfo["scope"] == scope].copy()
        part["_o"] = part["category"].map(order).fillna(99)
        for _, c in part.sort_values("_o").iterrows():
            recs.append({"scope": scope, "category": c["category"],
                         "category_name": _t(f"cat.{c['category']}", lang, str(c["category"])),
                         "tco2e": float(c["tco2e"]), "share": None if missing(total) or not total else c["tco2e"] / total,
                         "n_rows": int(c["n_rows"])})
        sub = cfo[f"scope{scope}"]
        bold.append(len(recs))
        recs.append({"scope": scope, "category_name": label("cfo.subtotal", lang, scope=scope), "tco2e": sub,
                     "share": None if missing(sub) or missing(total) or not total else sub / total})
    bold.append(len(recs))
    recs.append({"category_name": label("cfo.total", lang), "tco2e": total, "share": None if missing(total) else 1.0})
    cols = [XCol("scope", label("col.scope", lang), "int", 9), XCol("category", "category", "text", 14),
            XCol("category_name", label("col.category", lang), "text", 30),
            XCol("tco2e", "tCO2e", "t", 16), XCol("share", label("col.share", lang), "share", 10),
            XCol("n_rows", "n_rows", "int", 9)]
    wb.table(ws, row, cols, recs, bold_rows=bold, filter_=False)


def _ccf_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.ccf", lang))
    row = _header(wb, ws, label("sec.ccf", lang), r.is_demo, lang, subtitle)
    s = r.summary["ccf"]
    row = wb.table(ws, row, [XCol("label", label("col.field", lang), "text", 14), XCol("value", "tCO2e", "t", 16)],
                   [{"label": "BASIC", "value": s["basic"]}, {"label": "BASIC+", "value": s["basic_plus"]}],
                   filter_=False)
    recs = []
    for _, c in r.ccf.iterrows():
        recs.append({"gpc_ref": c["gpc_ref"], "sector": c["sector"], "subsector": c["subsector"],
                     "name": c["name_th"] if lang == "th" else c["name_en"], "scope": c["scope"], "level": c["level"],
                     "tco2e": c["tco2e"], "method": c["method"], "notation_key": c["notation_key"],
                     "explanation": c["explanation"], "data_quality": c["data_quality"],
                     "in_basic": bool(c["in_basic"]), "in_basic_plus": bool(c["in_basic_plus"])})
    cols = [XCol("gpc_ref", label("col.gpc_ref", lang), "text", 9), XCol("sector", label("col.sector", lang), "text", 8),
            XCol("subsector", "sub-sector", "text", 9), XCol("name", label("col.subsector", lang), "text", 60),
            XCol("scope", label("col.scope", lang), "int", 8), XCol("level", label("col.level", lang), "text", 7),
            XCol("tco2e", "tCO2e", "t", 15), XCol("method", "method", "text", 9),
            XCol("notation_key", label("col.notation", lang), "text", 10),
            XCol("explanation", label("col.explanation", lang), "text", 40),
            XCol("data_quality", label("col.dq", lang), "text", 10),
            XCol("in_basic", label("col.in_basic", lang), "bool", 10),
            XCol("in_basic_plus", label("col.in_basic_plus", lang), "bool", 10)]
    row = wb.table(ws, row, cols, recs)
    wb.note(ws, label("ccf.levels", lang), row)
    ws.freeze_panes(row - len(recs) - 2, 1)


def _trend_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.trend", lang))
    row = _header(wb, ws, label("sec.trend", lang), r.is_demo, lang, subtitle)
    recs = []
    for _, t in r.trend.iterrows():
        recs.append({"year": int(t["year"]), "year_be": fmt.be(int(t["year"])), "cfo_scope1": t["cfo_scope1"],
                     "cfo_scope2": t["cfo_scope2"], "cfo_scope3": t["cfo_scope3"], "cfo_total": t["cfo_total"],
                     "ccf_basic": t["ccf_basic"], "ccf_basic_plus": t["ccf_basic_plus"],
                     "reduction_pct": t["reduction_pct"], "award_eligible": t["award_eligible"]})
    cols = [XCol("year", label("col.year_ce", lang), "year", 10), XCol("year_be", label("col.year_be", lang), "year", 10),
            XCol("cfo_scope1", label("scope.1", lang), "t", 14), XCol("cfo_scope2", label("scope.2", lang), "t", 14),
            XCol("cfo_scope3", label("scope.3", lang), "t", 14), XCol("cfo_total", label("col.cfo_total", lang), "t", 15),
            XCol("ccf_basic", "CCF BASIC", "t", 15), XCol("ccf_basic_plus", "CCF BASIC+", "t", 15),
            XCol("reduction_pct", label("less.reduction_pct", lang), "pct", 13),
            XCol("award_eligible", label("key.award", lang), "bool", 14)]
    wb.table(ws, row, cols, recs)


def _wma_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.wma", lang))
    row = _header(wb, ws, label("sec.wma", lang), r.is_demo, lang, subtitle)
    block = r.summary.get("wma")
    if not block:
        wb.note(ws, label("wma.none", lang), row)
        return
    recs = []
    for theme in THEMES:
        rec = {"theme": label(f"theme.{theme}", lang), "score": (r.wma_row or {}).get(theme)}
        rec.update({f"d{d}": (block.get(theme) or {}).get(str(d)) for d in DIMENSIONS})
        recs.append(rec)
    recs.append({"theme": label("col.overall", lang), "score": block.get("overall")})
    cols = [XCol("theme", label("col.theme", lang), "text", 26)] + \
        [XCol(f"d{d}", f"{d}. {label(f'dim.{d}', lang)}", "num", 18) for d in DIMENSIONS] + \
        [XCol("score", label("col.theme_score", lang), "num", 12)]
    first = row + 1
    row = wb.table(ws, row, cols, recs, bold_rows=[len(recs) - 1], filter_=False)
    for j in range(1, 6):
        ws.conditional_format(first, j, first + len(recs) - 1, j,
                              {"type": "2_color_scale", "min_type": "num", "min_value": 0, "max_type": "num",
                               "max_value": 100, "min_color": "#FFFFFF", "max_color": "#4DBB9A"})
    if not r.wma_explain.empty:
        e = r.wma_explain
        recs = [{"theme": label(f"theme.{x['theme']}", lang), "dimension": x["dimension"],
                 "indicator_code": x["indicator_code"], "name": x["name_th"] if lang == "th" else x["name_en"],
                 "unit": x["unit"], "value": x["value"], "score": x["score"], "weight": x["weight"],
                 "cell_score": x["cell_score"], "evidence": x["evidence"]} for _, x in e.iterrows()]
        cols = [XCol("theme", label("col.theme", lang), "text", 26), XCol("dimension", "dim", "int", 6),
                XCol("indicator_code", "indicator", "text", 28), XCol("name", label("col.name", lang), "text", 44),
                XCol("unit", label("col.unit", lang), "text", 16), XCol("value", label("col.value", lang), "num", 12),
                XCol("score", "score 0-100", "num", 11), XCol("weight", "weight", "num", 8),
                XCol("cell_score", "cell 0-100", "num", 10), XCol("evidence", "evidence", "text", 40)]
        wb.table(ws, row, cols, recs)


def _actions_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.actions", lang))
    row = _header(wb, ws, label("sec.asi", lang), r.is_demo, lang, subtitle)
    asi = r.summary.get("asi") or {}
    row = wb.table(ws, row, [XCol("asi", "A-S-I", "text", 20), XCol("actions", label("col.actions", lang), "int", 12),
                             XCol("reduction_t", label("asi.reduction", lang), "t", 18)],
                   [{"asi": label(f"asi.{k}", lang), "actions": (asi.get(k) or {}).get("actions"),
                     "reduction_t": (asi.get(k) or {}).get("reduction_t")} for k in ASI], filter_=False)
    ess = asi_mod.by_essential(r.actions)
    if len(ess):
        row = wb.table(ws, row, [XCol("essential", label("actions.col.essential", lang), "text", 40),
                                 XCol("actions", label("col.actions", lang), "int", 12),
                                 XCol("counting", label("actions.col.counting", lang), "int", 18),
                                 XCol("budget_thb", "budget (THB)", "int", 14)],
                       [{"essential": action_labels.essential_label(g["essential"], lang), "actions": g["actions"],
                         "counting": g["counting"], "budget_thb": None if missing(g["budget_thb"]) else g["budget_thb"]}
                        for _, g in ess.iterrows()], filter_=False)
    recs = []
    for _, a in r.actions.iterrows():
        recs.append({"action_id": a["action_id"], "title_th": a["title_th"], "title_en": a["title_en"],
                     "theme": label(f"theme.{a['theme']}", lang), "dimension": a["dimension"],
                     "asi": action_labels.class_label(a["asi"], a.get("undrr_essential"), lang),
                     "undrr_essential": None if missing(a.get("undrr_essential")) else int(a["undrr_essential"]),
                     "gpc_sector": a["gpc_sector"], "department": a["department"],
                     "status": _t(f"status.{a['status']}", lang, a["status"]),
                     "start_year": a["start_year"], "start_year_be": _be(a["start_year"]),
                     "end_year": a["end_year"], "end_year_be": _be(a["end_year"]), "budget_thb": a["budget_thb"],
                     "expected_tco2e": a["expected_tco2e"], "achieved_tco2e": a["achieved_tco2e"],
                     "bike_lane_km": a["bike_lane_km"], "co_benefits": a["co_benefits"]})
    cols = [XCol("action_id", "id", "text", 14), XCol("title_th", label("col.title", lang) + " (TH)", "text", 40),
            XCol("title_en", label("col.title", lang) + " (EN)", "text", 40),
            XCol("theme", label("col.theme", lang), "text", 22), XCol("dimension", "dim", "int", 6),
            XCol("asi", label("col.asi", lang), "text", 24), XCol("undrr_essential", "UNDRR", "int", 8),
            XCol("gpc_sector", "GPC", "text", 6),
            XCol("department", "department", "text", 14), XCol("status", label("col.status", lang), "text", 14),
            XCol("start_year", "start CE", "year", 9), XCol("start_year_be", "start BE", "year", 9),
            XCol("end_year", "end CE", "year", 9), XCol("end_year_be", "end BE", "year", 9),
            XCol("budget_thb", "budget (THB)", "int", 14),
            XCol("expected_tco2e", label("col.expected", lang), "t", 15),
            XCol("achieved_tco2e", label("col.achieved", lang), "t", 15),
            XCol("bike_lane_km", "bike lane km", "num", 11), XCol("co_benefits", "co-benefits", "text", 30)]
    wb.table(ws, row, cols, recs)


def _factors_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.factors", lang))
    row = _header(wb, ws, label("sec.factors", lang), r.is_demo, lang, subtitle)
    recs = [{**{k: (None if missing(v) else v) for k, v in f.items()},
             "name": f["name_th"] if lang == "th" else f["name_en"]} for _, f in r.factors.iterrows()]
    cols = [XCol("factor_id", "factor_id", "text", 26), XCol("activity", "activity", "text", 24),
            XCol("name", label("col.activity", lang), "text", 34), XCol("unit", label("col.unit", lang), "text", 10),
            XCol("kgco2e_per_unit", label("col.factor", lang), "factor", 16),
            XCol("gwp_set", label("col.gwp", lang), "text", 8), XCol("gwp_basis", "basis", "text", 12),
            XCol("valid_from", "valid_from", "text", 12), XCol("valid_to", "valid_to", "text", 12),
            XCol("inventories", "inventory", "text", 10), XCol("n_rows", "n_rows", "int", 8),
            XCol("status", "status", "text", 12), XCol("source", label("col.source", lang), "text", 80)]
    for rec in recs:
        for k in ("valid_from", "valid_to"):
            rec[k] = None if missing(rec.get(k)) else rec[k].isoformat()
    wb.table(ws, row, cols, recs)


def _activity_sheet(wb: Workbook, r: MunicipalityReport, lang: str, subtitle: str) -> None:
    ws = wb.sheet(label("sheet.cfo_items", lang))
    row = _header(wb, ws, label("dq.method", lang), r.is_demo, lang, subtitle)
    a = r.activity
    recs = [{k: (None if missing(v) else v) for k, v in rec.items()} for rec in a.to_dict("records")]
    for rec in recs:
        rec["year_be"] = _be(rec.get("year"))
    cols = [XCol("inventory", "inventory", "text", 9), XCol("year", label("col.year_ce", lang), "year", 8),
            XCol("year_be", label("col.year_be", lang), "year", 8), XCol("month", "month", "int", 7),
            XCol("activity", "activity", "text", 24), XCol("gpc_ref", "GPC", "text", 8),
            XCol("scope", label("col.scope", lang), "int", 7), XCol("category", label("col.category", lang), "text", 12),
            XCol("amount", label("col.amount", lang), "num", 14), XCol("unit", label("col.unit", lang), "text", 9),
            XCol("factor_id", "factor_id", "text", 24), XCol("kgco2e_per_unit", label("col.factor", lang), "factor", 14),
            XCol("tco2e", "tCO2e", "t3", 12), XCol("status", "status", "text", 12),
            XCol("data_quality", label("col.dq", lang), "text", 8), XCol("source", label("col.source", lang), "text", 20),
            XCol("note", "note", "text", 20)]
    wb.table(ws, row, cols, recs)
    ws.freeze_panes(row + 1, 0)


def _about_sheet(wb: Workbook, is_demo: bool, gwp_set: str, generated, lang: str) -> None:
    ws = wb.sheet(label("sheet.about", lang))
    row = _header(wb, ws, label("sheet.about", lang), is_demo, lang)
    rows = [(label("about.dataset", lang), label("about.demo" if is_demo else "about.real", lang)),
            (label("about.source", lang), label("source.default", lang)),
            (label("col.gwp", lang), f"IPCC {gwp_set}"),
            (label("generated", lang, date=""), fmt.datetime_label(generated, lang)),
            ("", label("dq.method", lang)), ("", label("dq.intro", lang)), ("", label("less.note", lang))]
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 120)
    for k, v in rows:
        wb.write_value(ws, row, 0, k, "text")
        wb.write_value(ws, row, 1, v, "text")
        row += 1


# --- network workbook -------------------------------------------------------------------------------------------

def network_records(n: NetworkReport, lang: str) -> list[dict]:
    """One record per pilot or replicating city with its year's figures (numbers, None where missing)."""
    recs = []
    for _, c in n.cities.iterrows():
        v = {k: (None if missing(x) else x) for k, x in c.items()}
        recs.append({
            "code": v["code"], "name_th": v["name_th"], "name_en": v["name_en"],
            "role": label(f"role.{v['role']}", lang), "mentor": v.get("mentor_th") if lang == "th" else v.get("mentor_en"),
            "province": v.get("province_th") if lang == "th" else v.get("province_en"),
            "population": v.get("population"), "year": n.year, "year_be": fmt.be(n.year),
            "cfo_scope1": v.get("cfo_scope1"), "cfo_scope2": v.get("cfo_scope2"), "cfo_scope3": v.get("cfo_scope3"),
            "cfo_total": v.get("cfo_total"), "base_year": v.get("base_year"), "base_year_be": _be(v.get("base_year")),
            "base_total": v.get("base_total"), "current_total": v.get("cfo_total"),
            **less_fields(v, lang),
            "per_capita": v.get("per_capita"), "ccf_basic": v.get("ccf_basic"), "ccf_basic_plus": v.get("ccf_basic_plus"),
            "wma_overall": v.get("wma_overall"),
            **{f"wma_{t}": v.get(f"wma_{t}") for t in THEMES},
            **{f"asi_{k}_actions": ((n.asi.get(v["code"]) or {}).get(k) or {}).get("actions") for k in ASI},
            **{f"asi_{k}_t": ((n.asi.get(v["code"]) or {}).get(k) or {}).get("reduction_t") for k in ASI},
        })
    return recs


def network_xlsx(n: NetworkReport, lang: str = "th") -> bytes:
    """The network workbook as .xlsx bytes: summary, LESS, Whole Municipality, trend and about sheets."""
    wb = Workbook()
    subtitle = f"{label('year.report', lang)} {label('year.be_ce', lang, be=fmt.be(n.year), ce=n.year)}"
    recs = network_records(n, lang)
    ws = wb.sheet(label("sheet.network", lang))
    row = _header(wb, ws, label("network.title", lang), n.is_demo, lang, subtitle)
    cols = [XCol("code", "code", "text", 10), XCol("name_th", label("col.name", lang) + " (TH)", "text", 32),
            XCol("name_en", label("col.name", lang) + " (EN)", "text", 36), XCol("role", label("role", lang), "text", 14),
            XCol("mentor", label("mentor", lang), "text", 30), XCol("province", label("province", lang), "text", 18),
            XCol("population", label("population", lang), "int", 11),
            XCol("year", label("col.year_ce", lang), "year", 8), XCol("year_be", label("col.year_be", lang), "year", 8),
            XCol("cfo_scope1", label("scope.1", lang), "t", 13), XCol("cfo_scope2", label("scope.2", lang), "t", 13),
            XCol("cfo_scope3", label("scope.3", lang), "t", 13), XCol("cfo_total", label("col.cfo_total", lang), "t", 14),
            XCol("base_year", label("base_year", lang) + " CE", "year", 9),
            XCol("base_year_be", label("base_year", lang) + " BE", "year", 9),
            XCol("base_total", label("col.base_total", lang), "t", 14),
            XCol("reduction_pct", label("less.reduction_pct", lang), "pct", 12),
            XCol("award_eligible", label("key.award", lang), "bool", 12),
            XCol("per_capita", label("key.per_capita", lang), "t3", 12),
            XCol("ccf_basic", "CCF BASIC", "t", 15), XCol("ccf_basic_plus", "CCF BASIC+", "t", 15),
            XCol("wma_overall", label("key.wma_overall", lang), "num", 12)] + \
        [XCol(f"wma_{t}", label(f"theme.{t}", lang), "num", 14) for t in THEMES] + \
        [XCol(f"asi_{k}_actions", f"{label(f'asi.{k}', lang)} ({label('col.actions', lang)})", "int", 12) for k in ASI] + \
        [XCol(f"asi_{k}_t", f"{label(f'asi.{k}', lang)} (tCO2e/yr)", "t", 12) for k in ASI]
    wb.table(ws, row, cols, recs)
    ws.freeze_panes(row + 1, 2)

    ws = wb.sheet(label("sheet.less", lang))
    row = _header(wb, ws, label("less.title", lang), n.is_demo, lang, subtitle)
    less = [{**r_, "name": r_["name_th"] if lang == "th" else r_["name_en"]} for r_ in recs]
    row = wb.table(ws, row, _less_columns(lang, with_city=True), less)
    wb.note(ws, label("less.note", lang), row)

    ws = wb.sheet(label("sheet.wma", lang))
    row = _header(wb, ws, label("sec.wma", lang), n.is_demo, lang, subtitle)
    wrecs = []
    for r_ in recs:
        block = n.wma.get(r_["code"]) or {}
        rec = {"code": r_["code"], "name": r_["name_th"] if lang == "th" else r_["name_en"],
               "overall": block.get("overall")}
        rec.update({f"{t}_{d}": (block.get(t) or {}).get(str(d)) for t in THEMES for d in DIMENSIONS})
        wrecs.append(rec)
    wcols = [XCol("code", "code", "text", 10), XCol("name", label("col.name", lang), "text", 34)] + \
        [XCol(f"{t}_{d}", f"{label(f'theme.{t}', lang)} {d}", "num", 12) for t in THEMES for d in DIMENSIONS] + \
        [XCol("overall", label("col.overall", lang), "num", 10)]
    wb.table(ws, row, wcols, wrecs)

    ws = wb.sheet(label("sheet.trend", lang))
    row = _header(wb, ws, label("sec.trend", lang), n.is_demo, lang, subtitle)
    names = n.cities.set_index("code")["name_th" if lang == "th" else "name_en"]
    trecs = []
    for _, t in n.trends[n.trends["year"] <= n.year].iterrows():
        trecs.append({"code": t["code"], "name": names.get(t["code"]), "year": int(t["year"]),
                      "year_be": fmt.be(int(t["year"])), "cfo_total": t["cfo_total"], "base_year": t["base_year"],
                      "reduction_pct": t["reduction_pct"], "award_eligible": t["award_eligible"],
                      "ccf_basic": t["ccf_basic"], "ccf_basic_plus": t["ccf_basic_plus"]})
    tcols = [XCol("code", "code", "text", 10), XCol("name", label("col.name", lang), "text", 34),
             XCol("year", label("col.year_ce", lang), "year", 9), XCol("year_be", label("col.year_be", lang), "year", 9),
             XCol("cfo_total", label("col.cfo_total", lang), "t", 14), XCol("base_year", label("base_year", lang), "year", 9),
             XCol("reduction_pct", label("less.reduction_pct", lang), "pct", 12),
             XCol("award_eligible", label("key.award", lang), "bool", 12),
             XCol("ccf_basic", "CCF BASIC", "t", 15), XCol("ccf_basic_plus", "CCF BASIC+", "t", 15)]
    wb.table(ws, row, tcols, trecs)
    _about_sheet(wb, n.is_demo, n.gwp_set, n.generated, lang)
    return wb.close()
