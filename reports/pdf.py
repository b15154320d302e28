"""The municipality report and the network report as A4 PDFs (Thai by default).

Municipality report: cover (name, year in พ.ศ., inventory boundary, key figures), then 1 CFO by scope and
category, 2 CCF in the GPC reporting layout with BASIC and BASIC+ totals, 3 trend against the base year with the
5 % line, 4 the Whole-Municipality matrix, 5 A-S-I actions, 6 emission factors and sources, 7 data quality.
Network report: cover, a summary table of every pilot and replicating city, then one page per city.
"""
from __future__ import annotations

import pandas as pd

from reports import charts
from reports.content import ASI, DIMENSIONS, THEMES, MunicipalityReport, NetworkReport, missing
from reports.labels import label
from reports.pdf_base import BLUE, GREY_TEXT, SUBTOTAL_FILL, Column, ReportPDF
from indicators import asi as asi_mod
from indicators.targets import award_line
from ui import action_labels, fmt, verdicts
from ui.i18n import t as t_

CATEGORY_ORDER = ("stationary", "mobile", "fugitive", "wastewater", "electricity", "water", "paper", "waste",
                  "upstream")


# --- formatting (shared with the tests, so that a figure is looked for exactly as printed) -------------------

def fmt_t(x) -> str:
    """tCO2e with thousands separators and 2 decimals, '—' when missing."""
    return fmt.num(x, 2)


def fmt_pct(x, digits: int = 2, lang: str = "en") -> str:
    """A percentage as the document's language writes it: 'ร้อยละ 29.61' in Thai, '29.61 %' in English; '—'
    when missing."""
    return fmt.pct_doc(x, lang, digits)


def fmt_share(x, lang: str = "en") -> str:
    """A 0-1 share as 'ร้อยละ 12.3' / '12.3 %', '—' when missing."""
    return "—" if missing(x) else fmt.pct_doc(float(x) * 100, lang, 1)


def fmt_generated(when, lang: str) -> str:
    """When the document was made, in Thailand's local time: '1 ธันวาคม 2569 เวลา 17:47 น.' (พ.ศ.) in Thai."""
    return fmt.datetime_label(when, lang)


def fmt_year(year, lang: str) -> str:
    """'พ.ศ. 2567' in Thai, '2024' in English."""
    return fmt.year_label(year, lang)


def fmt_factor(x) -> str:
    """An emission factor with up to 6 significant decimals."""
    if missing(x):
        return "—"
    s = f"{float(x):,.6f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def fmt_bool(x, lang: str) -> str:
    """Yes / No (ผ่าน / ไม่ผ่าน), '—' when unknown."""
    if missing(x):
        return "—"
    return label("yes" if bool(x) else "no", lang)


def _t(key: str, lang: str, fallback: str = "") -> str:
    text = label(key, lang)
    return fallback if text == key else text


def name_of(muni: dict, lang: str) -> str:
    """The municipality's name in the report language."""
    return muni.get("name_th") if lang == "th" else muni.get("name_en")


def other_name(muni: dict, lang: str) -> str:
    """The municipality's name in the other language."""
    return muni.get("name_en") if lang == "th" else muni.get("name_th")


def _score_fill(score) -> tuple[int, int, int] | None:
    """Cell shade for a 0-100 score: white to Okabe-Ito bluish green; None when missing."""
    if missing(score):
        return None
    s = max(0.0, min(100.0, float(score))) / 100.0
    lo, hi = (255, 255, 255), (0, 158, 115)
    # a darker cell would hide black text: stop at 70 % of the way to the full colour
    return tuple(int(round(a + (b - a) * s * 0.7)) for a, b in zip(lo, hi))


# --- municipality report ------------------------------------------------------------------------------------------

def municipality_pdf(r: MunicipalityReport, lang: str = "th", approval: bool = False) -> bytes:
    """The municipality-year report as PDF bytes; ``approval`` adds a sign-off block (prepared by / reviewed
    by / date) at the end."""
    name = name_of(r.muni, lang)
    pdf = ReportPDF(lang=lang, is_demo=r.is_demo, title=f"{label('report.title', lang)} - {name}",
                    footer_text=f"{name} · {fmt_year(r.year, lang)}")
    _cover(pdf, r, lang)
    pdf.add_page()
    _cfo_section(pdf, r, lang)
    _ccf_section(pdf, r, lang)
    _trend_section(pdf, r, lang)
    _wma_section(pdf, r, lang)
    _asi_section(pdf, r, lang)
    _factors_section(pdf, r, lang)
    _quality_section(pdf, r, lang)
    if approval:
        approval_block(pdf, lang)
    return pdf.output_bytes()


def approval_block(pdf: ReportPDF, lang: str) -> None:
    """Blank lines for the officials' sign-off: prepared by, reviewed by, each with name, position and date."""
    pdf.heading(label("approval.title", lang), size=11)
    rule = "." * 60
    rows = []
    for who in ("approval.prepared", "approval.reviewed"):
        rows.append([label(who, lang), rule])
        rows.append([label("approval.name", lang), rule])
        rows.append([label("approval.position", lang), rule])
        rows.append([label("approval.date", lang), rule])
    pdf.table_rows([Column("", 0.3), Column("", 0.7)], rows, size=10, headings=False, borders="NONE",
                   bold_rows=[0, 4])


def _year_both(year: int, lang: str) -> str:
    return label("year.be_ce", lang, be=fmt.be(year), ce=int(year))


def _role_text(muni: dict, lang: str) -> str:
    role = muni.get("role")
    return label(f"role.{role}", lang) if role else label("role.none", lang)


def _cover(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    m, s = r.muni, r.summary
    pdf.add_page()
    pdf.ln(6)
    pdf.paragraph(label("report.title", lang), size=12, color=GREY_TEXT, bold=True)
    pdf.paragraph(label("report.subtitle", lang), size=9, color=GREY_TEXT)
    pdf.ln(4)
    pdf.paragraph(name_of(m, lang), size=22, color=BLUE, bold=True, h=11)
    pdf.paragraph(other_name(m, lang), size=12, color=GREY_TEXT, h=6)
    pdf.ln(2)
    pdf.paragraph(f"{label('year.report', lang)}: {_year_both(r.year, lang)}", size=14, bold=True, h=8)
    pdf.ln(2)
    province = m.get("province_th") if lang == "th" else m.get("province_en")
    mentor = name_of(r.mentor, lang) if r.mentor else "—"
    pdf.key_values([
        (label("province", lang), province or "—"),
        (label("type", lang), label(f"type.{m['type']}", lang)),
        (label("role", lang), _role_text(m, lang)),
        (label("mentor", lang), mentor),
        (label("population", lang), fmt.num(m.get("population"))),
        (label("area", lang), fmt.num(m.get("area_km2"), 2)),
        (label("base_year", lang), fmt_year(s.get("base_year"), lang)),
        (label("gwp_set", lang), f"IPCC {r.gwp_set}"),
    ], size=9.5)
    pdf.heading(label("boundary.title", lang), size=11)
    pdf.paragraph("• " + label("boundary.cfo", lang), size=9)
    pdf.paragraph("• " + label("boundary.ccf", lang, area=fmt.num(m.get("area_km2"), 2),
                               population=fmt.num(m.get("population"))), size=9)
    pdf.heading(label("key.title", lang), size=11)
    pdf.key_values(key_figures(r, lang), size=9.5)
    cfo = s["cfo"]
    if not missing(cfo["total"]):
        pdf.image_bytes(charts.scope_bar_chart({label(f"scope.{i}", lang): cfo[f"scope{i}"] for i in (1, 2, 3)},
                                               lang), w=150)
    pdf.ln(2)
    pdf.paragraph(label("generated", lang, date=fmt_generated(r.generated, lang)) + " · "
                  + label("source.default", lang), size=8, color=GREY_TEXT)
    if r.is_demo:
        pdf.paragraph(label("dq.demo", lang), size=8, color=(120, 60, 0), bold=True)


def key_figures(r: MunicipalityReport, lang: str) -> list[tuple[str, str]]:
    """The cover's key figures as (label, formatted value) pairs; every value comes from the summary JSON."""
    s = r.summary
    unit = " tCO2e"
    wma = s.get("wma") or {}
    return [
        (label("key.cfo_total", lang), _with_unit(fmt_t(s["cfo"]["total"]), unit)),
        (basic_label(s, "key.ccf_basic", lang), _with_unit(fmt_t(s["ccf"]["basic"]), unit)),
        (basic_label(s, "key.ccf_basic_plus", lang), _with_unit(fmt_t(s["ccf"]["basic_plus"]), unit)),
        (label("key.base_total", lang) + f" ({fmt_year(s.get('base_year'), lang)})",
         _with_unit(fmt_t(s.get("base_total")), unit)),
        (label("key.reduction", lang), reduction_text(s, lang)),
        (label("key.award", lang), fmt_bool(s.get("award_eligible"), lang)),
        (label("key.per_capita", lang), _with_unit(fmt.num(s.get("per_capita"), 3), " " + label("unit.tco2e_pc", lang))),
        (label("key.wma_overall", lang), verdicts.index_text(wma.get("overall"), wma.get("cells_with_evidence"),
                                                             lang=lang)),
    ]


def reduction_text(summary: dict, lang: str) -> str:
    """The reduction as a report shows it: "x % (from your actions … · from the grid factor …)" when the year
    is comparable like for like with its base year, else "not comparable: <reasons>" (no misleading %)."""
    red = summary.get("reduction") or {}
    if red.get("comparable"):
        split = verdicts.split_text(red.get("activity_effect_pct"), red.get("factor_effect_pct"), lang, document=True)
        return f"{fmt_pct(red.get('pct'), lang=lang)} ({split})" if split else fmt_pct(red.get("pct"), lang=lang)
    reasons = "; ".join(verdicts.block_reasons(summary, lang))
    return f"{t_('reduction.not_comparable', lang)}: {reasons}" if reasons else "—"


def row_reduction_text(row: dict, lang: str, short: bool = False) -> str:
    """``reduction_text`` for a network-table row (``short``: the % or "not comparable" only)."""
    comparable = row.get("reduction_comparable")
    if not missing(comparable) and bool(comparable):
        if short:
            return fmt_pct(row.get("reduction_pct"), lang=lang)
        split = verdicts.split_text(row.get("activity_effect_pct"), row.get("factor_effect_pct"), lang, document=True)
        return (f"{fmt_pct(row.get('reduction_pct'), lang=lang)} ({split})" if split
                else fmt_pct(row.get("reduction_pct"), lang=lang))
    if short:
        return "—" if missing(row.get("base_year")) else t_("reduction.nc_short", lang)
    reasons = "; ".join(verdicts.row_reasons(row, lang))
    return f"{t_('reduction.not_comparable', lang)}: {reasons}" if reasons else "—"


def basic_label(summary: dict, key: str, lang: str) -> str:
    """The BASIC / BASIC+ label, marked incomplete while BASIC rows have neither a figure nor a notation key."""
    missing_refs = (summary.get("ccf") or {}).get("basic_missing")
    text = label(key, lang)
    return f"{text} ({t_('basic.incomplete_short', lang)})" if missing_refs else text


def _with_unit(text: str, unit: str) -> str:
    return text if text == "—" else text + unit


def cfo_table_rows(r: MunicipalityReport, lang: str) -> tuple[list[list[str]], list[int]]:
    """CFO rows (scope, category, tCO2e, share) with a subtotal per scope and the total; returns the rows and
    the indexes of the subtotal rows. Subtotals and total are the summary JSON's figures."""
    cfo = r.summary["cfo"]
    total = cfo["total"]
    rows, bold = [], []
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    for scope in (1, 2, 3):
        part = r.cfo[r.cfo["scope"] == scope].copy()
        part["_o"] = part["category"].map(order).fillna(99)
        for _, c in part.sort_values("_o").iterrows():
            share = None if missing(total) or not total else c["tco2e"] / total
            rows.append([label(f"scope.{scope}", lang), _t(f"cat.{c['category']}", lang, str(c["category"])),
                         fmt_t(c["tco2e"]), fmt_share(share, lang)])
        sub = cfo[f"scope{scope}"]
        share = None if missing(sub) or missing(total) or not total else sub / total
        bold.append(len(rows))
        rows.append([label("cfo.subtotal", lang, scope=scope), "", fmt_t(sub), fmt_share(share, lang)])
    bold.append(len(rows))
    rows.append([label("cfo.total", lang), "", fmt_t(total), fmt_share(1.0 if not missing(total) else None, lang)])
    return rows, bold


def _cfo_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.cfo", lang))
    if missing(r.summary["cfo"]["total"]):
        pdf.paragraph(label("cfo.none", lang))
        return
    rows, bold = cfo_table_rows(r, lang)
    cols = [Column(label("col.scope", lang), 0.22), Column(label("col.category", lang), 0.40),
            Column(label("col.tco2e", lang), 0.22, "R"), Column(label("col.share", lang), 0.16, "R")]
    pdf.table_rows(cols, rows, bold_rows=bold, fills=[SUBTOTAL_FILL if i in bold else None for i in range(len(rows))])


def ccf_table_rows(r: MunicipalityReport, lang: str) -> list[list[str]]:
    """GPC reporting rows: reference, sub-sector name, scope, level, tCO2e, notation key, data quality."""
    rows = []
    for _, c in r.ccf.iterrows():
        rows.append([c["gpc_ref"], c["name_th"] if lang == "th" else c["name_en"],
                     "" if missing(c["scope"]) else str(int(c["scope"])), c["level"] or "",
                     fmt_t(c["tco2e"]) if not missing(c["tco2e"]) else "—",
                     c["notation_key"] if not missing(c["notation_key"]) else "",
                     c["data_quality"] if not missing(c["data_quality"]) else ""])
    return rows


def _ccf_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.ccf", lang))
    if not r.has_ccf:
        pdf.paragraph(label("ccf.none", lang))
        return
    s = r.summary["ccf"]
    pdf.key_values([(basic_label(r.summary, "ccf.basic_total", lang), _with_unit(fmt_t(s["basic"]), " tCO2e")),
                    (basic_label(r.summary, "ccf.basic_plus_total", lang),
                     _with_unit(fmt_t(s["basic_plus"]), " tCO2e"))], size=10)
    completeness = verdicts.completeness_text(s.get("basic_missing"), lang)
    if completeness:
        pdf.paragraph(completeness, size=8.5, color=GREY_TEXT)
    cols = [Column(label("col.gpc_ref", lang), 0.09), Column(label("col.subsector", lang), 0.47),
            Column(label("col.scope", lang), 0.08, "C"), Column(label("col.level", lang), 0.07, "C"),
            Column(label("col.tco2e", lang), 0.14, "R"), Column(label("col.notation", lang), 0.08, "C"),
            Column(label("col.dq", lang), 0.07, "C")]
    rows = ccf_table_rows(r, lang)
    filled = [None if row[4] == "—" and not row[5] else (250, 250, 250) for row in rows]
    pdf.table_rows(cols, rows, size=7.5, fills=filled)
    totals = [[label("ccf.basic_total", lang), fmt_t(s["basic"])],
              [label("ccf.basic_plus_total", lang), fmt_t(s["basic_plus"])]]
    for sector, v in s["by_sector"].items():
        totals.append([f"{label('col.sector', lang)} {sector} (BASIC+)", fmt_t(v)])
    pdf.table_rows([Column(label("col.field", lang), 0.6), Column("tCO2e", 0.4, "R")], totals, size=8.5,
                   width=pdf.epw * 0.6, bold_rows=[0, 1], keep_with_next=8)
    pdf.paragraph(label("ccf.levels", lang), size=7.5, color=GREY_TEXT)
    notes = r.ccf[r.ccf["notation_key"].notna()]
    if len(notes):
        pdf.ln(1)
        pdf.table_rows([Column(label("col.gpc_ref", lang), 0.1), Column(label("col.notation", lang), 0.2),
                        Column(label("col.explanation", lang), 0.7)],
                       [[n["gpc_ref"], f"{n['notation_key']} ({n['notation_th'] if lang == 'th' else n['notation_en']})",
                         n["explanation"]] for _, n in notes.iterrows()], size=7.5)


def trend_rows(r: MunicipalityReport, lang: str) -> list[list[str]]:
    """Trend table rows up to the reporting year: year (BE and CE), CFO total, change vs base, -5 % target."""
    trend = r.trend[r.trend["year"] <= r.year]
    base_total = r.summary.get("base_total")
    rows = []
    for _, row in trend.iterrows():
        target = award_line(base_total)
        change = None
        if not missing(base_total) and not missing(row["cfo_total"]) and base_total:
            change = (row["cfo_total"] - base_total) / base_total * 100
        rows.append([str(fmt.be(row["year"])), str(int(row["year"])), fmt_t(row["cfo_total"]),
                     "—" if change is None else fmt.pct_doc(change, lang, 2, signed=True), fmt_t(target)])
    return rows


def _trend_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.trend", lang))
    s = r.summary
    trend = r.trend[r.trend["year"] <= r.year]
    base_year, base_total = s.get("base_year"), s.get("base_total")
    if missing(base_total):
        pdf.paragraph(label("trend.no_base", lang))
    else:
        pdf.paragraph(label("trend.caption", lang, base=fmt_year(base_year, lang), base_total=fmt_t(base_total),
                            target=fmt_t(award_line(base_total))), size=9)
    if trend["cfo_total"].notna().any():
        if pdf.get_y() > pdf.h - pdf.b_margin - 80:
            pdf.add_page()
        png = charts.trend_chart([int(y) for y in trend["year"]],
                                 [None if missing(v) else float(v) for v in trend["cfo_total"]],
                                 lang, base_year, base_total, r.year)
        pdf.image_bytes(png, w=170)
    cols = [Column(label("col.year_be", lang), 0.14, "C"), Column(label("col.year_ce", lang), 0.14, "C"),
            Column(label("col.cfo_total", lang), 0.26, "R"), Column(label("col.change", lang), 0.22, "R"),
            Column(label("col.target", lang), 0.24, "R")]
    rows = trend_rows(r, lang)
    pdf.table_rows(cols, rows, size=8.5, bold_rows=[i for i, row in enumerate(rows) if row[1] == str(r.year)])
    pdf.paragraph(f"{label('key.reduction', lang)} {fmt_year(r.year, lang)}: {reduction_text(s, lang)} · "
                  f"{label('key.award', lang)}: {fmt_bool(s.get('award_eligible'), lang)}", size=9.5, bold=True)


def wma_table(block: dict | None, row: dict | None, lang: str) -> tuple[list[list[str]], dict]:
    """The 12-cell matrix as rows (theme, dimension 1-4, theme score) and the cell shades."""
    rows, fills = [], {}
    for i, theme in enumerate(THEMES):
        cells = (block or {}).get(theme) or {}
        values = [cells.get(str(d)) for d in DIMENSIONS]
        theme_score = None if row is None else row.get(theme)
        rows.append([label(f"theme.{theme}", lang)] + [fmt.num(v, 1) for v in values] + [fmt.num(theme_score, 1)])
        for j, v in enumerate(values):
            fills[(i, j + 1)] = _score_fill(v)
        fills[(i, 5)] = _score_fill(theme_score)
    return rows, {k: v for k, v in fills.items() if v is not None}


def _wma_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.wma", lang))
    block = r.summary.get("wma")
    if not block:
        pdf.paragraph(label("wma.none", lang))
        return
    _wma_matrix(pdf, block, r.wma_row, lang)


def _wma_matrix(pdf: ReportPDF, block: dict, row: dict | None, lang: str, size: float = 8.5) -> None:
    rows, fills = wma_table(block, row, lang)
    cols = [Column(label("col.theme", lang), 0.22)] + \
        [Column(f"{d}. {label(f'dim.{d}', lang)}", 0.15, "C") for d in DIMENSIONS] + \
        [Column(label("col.theme_score", lang), 0.18, "C")]
    pdf.table_rows(cols, rows, size=size, cell_fills=fills, borders="ALL", bold_first_col=True, keep_with_next=6)
    pdf.paragraph(label("wma.caption", lang, overall=verdicts.index_text(block.get("overall"),
                                                                       block.get("cells_with_evidence"), lang=lang)),
                  size=8.5, color=GREY_TEXT)


def asi_summary_rows(block: dict | None, lang: str) -> list[list[str]]:
    """Summary rows per A-S-I type: actions counted and achieved reduction (tCO2e/yr) from the summary JSON."""
    rows = []
    for k in ASI:
        b = (block or {}).get(k) or {}
        rows.append([label(f"asi.{k}", lang), fmt.num(b.get("actions")), fmt_t(b.get("reduction_t"))])
    return rows


def action_rows(actions: pd.DataFrame, lang: str) -> list[list[str]]:
    """Action rows: title, theme, A-S-I (mitigation) or UNDRR essential (resilience), status, years, expected and
    achieved tCO2e/yr."""
    rows = []
    for _, a in actions.iterrows():
        title = a["title_th"] if lang == "th" or missing(a.get("title_en")) else a["title_en"]
        rows.append([title, label(f"theme.{a['theme']}", lang),
                     action_labels.class_label(a["asi"], a.get("undrr_essential"), lang),
                     _t(f"status.{a['status']}", lang, a["status"]),
                     fmt.year_range(a["start_year"], None if missing(a["end_year"]) else a["end_year"], lang),
                     fmt_t(a["expected_tco2e"]), fmt_t(a["achieved_tco2e"])])
    return rows


def essential_rows(actions: pd.DataFrame, lang: str) -> list[list[str]]:
    """Resilience actions per UNDRR essential (``indicators.asi.by_essential``): essential, actions, of which
    ongoing or completed, budget THB."""
    return [[action_labels.essential_label(g["essential"], lang), fmt.num(g["actions"]), fmt.num(g["counting"]),
             "—" if missing(g["budget_thb"]) else fmt.num(g["budget_thb"])]
            for _, g in asi_mod.by_essential(actions).iterrows()]


def _asi_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.asi", lang))
    pdf.paragraph(label("asi.summary", lang), size=9, bold=True)
    pdf.table_rows([Column("A-S-I", 0.4), Column(label("col.actions", lang), 0.25, "R"),
                    Column(label("asi.reduction", lang), 0.35, "R")],
                   asi_summary_rows(r.summary.get("asi"), lang), size=8.5, width=pdf.epw * 0.7)
    if r.actions.empty:
        pdf.paragraph(label("asi.none", lang))
        return
    ess = essential_rows(r.actions, lang)
    if ess:
        pdf.paragraph(label("actions.by_essential", lang), size=9, bold=True)
        pdf.table_rows([Column(label("actions.col.essential", lang), 0.5), Column(label("col.actions", lang), 0.14, "R"),
                        Column(label("actions.col.counting", lang), 0.18, "R"),
                        Column(label("actions.col.budget", lang), 0.18, "R")], ess, size=8.5)
    cols = [Column(label("col.title", lang), 0.31), Column(label("col.theme", lang), 0.14),
            Column(label("col.asi", lang), 0.12), Column(label("col.status", lang), 0.11),
            Column(label("col.period", lang), 0.1, "C"), Column(label("col.expected", lang), 0.11, "R"),
            Column(label("col.achieved", lang), 0.11, "R")]
    pdf.table_rows(cols, action_rows(r.actions, lang), size=7.5)


def factor_rows(factors: pd.DataFrame, lang: str) -> list[list[str]]:
    """Factor rows: activity, unit, kgCO2e per unit, validity, source."""
    rows = []
    for _, f in factors.iterrows():
        valid = "—"
        if not missing(f["valid_from"]):
            end = "" if missing(f["valid_to"]) else fmt.short_year(f["valid_to"].year, lang)
            valid = f"{fmt.short_year(f['valid_from'].year, lang)}–{end}"
        name = f["name_th"] if lang == "th" else f["name_en"]
        value = fmt_factor(f["kgco2e_per_unit"])
        source = f["source"] if not missing(f["source"]) else _t(f"status.{f['status']}", lang, f["status"])
        rows.append([f"{name} ({f['inventories']})", f["unit"] or "", value, valid, source])
    return rows


def _factors_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.factors", lang))
    if r.factors.empty:
        pdf.paragraph(label("factors.none", lang))
        return
    cols = [Column(label("col.activity", lang), 0.24), Column(label("col.unit", lang), 0.09, "C"),
            Column(label("col.factor", lang), 0.12, "R"), Column(label("col.valid", lang), 0.11, "C"),
            Column(label("col.source", lang), 0.44)]
    pdf.table_rows(cols, factor_rows(r.factors, lang), size=7)
    pdf.paragraph(f"{label('col.gwp', lang)}: IPCC {r.gwp_set}", size=8, color=GREY_TEXT)


def quality_rows(r: MunicipalityReport, lang: str) -> list[list[str]]:
    """Share of emissions by data quality per inventory."""
    rows = []
    for inv in ("CFO", "CCF"):
        shares = r.quality.get(inv) or {}
        if all(missing(shares.get(k)) for k in ("H", "M", "L", "unknown")):
            continue
        rows.append([inv] + [fmt_share(shares.get(k), lang) for k in ("H", "M", "L", "unknown")])
    return rows


def _quality_section(pdf: ReportPDF, r: MunicipalityReport, lang: str) -> None:
    pdf.heading(label("sec.quality", lang))
    pdf.paragraph(label("dq.intro", lang), size=9)
    rows = quality_rows(r, lang)
    if rows:
        pdf.ln(1)
        pdf.paragraph(label("dq.share", lang), size=9, bold=True)
        pdf.table_rows([Column("", 0.2), Column("H", 0.2, "R"), Column("M", 0.2, "R"), Column("L", 0.2, "R"),
                        Column(label("dq.unknown", lang), 0.2, "R")], rows, size=8.5, width=pdf.epw * 0.7)
    pdf.paragraph(label("dq.method", lang), size=9)
    if r.is_demo:
        pdf.ln(1)
        pdf.paragraph(label("dq.demo", lang), size=9, color=(120, 60, 0), bold=True)


# --- network report -----------------------------------------------------------------------------------------------

def network_summary_rows(n: NetworkReport, lang: str) -> list[list[str]]:
    """Summary rows: name, role, CFO total, base year, reduction %, award, CCF BASIC, WMA overall."""
    rows = []
    for _, c in n.cities.iterrows():
        name = c["name_th"] if lang == "th" else c["name_en"]
        rows.append([name, label(f"role.{c['role']}", lang), fmt_t(c["cfo_total"]),
                     fmt.short_year(c["base_year"], lang) if not missing(c["base_year"]) else "—",
                     row_reduction_text(c.to_dict(), lang, short=True), fmt_bool(c["award_eligible"], lang),
                     fmt_t(c["ccf_basic"]),
                     fmt.num(c["wma_overall"], 1)])
    return rows


def network_pdf(n: NetworkReport, lang: str = "th", approval: bool = False) -> bytes:
    """The network report as PDF bytes: cover and summary table, then one page per city (and the sign-off
    block when ``approval``)."""
    pdf = ReportPDF(lang=lang, is_demo=n.is_demo, title=label("network.title", lang),
                    footer_text=f"{label('network.title', lang)} · {fmt_year(n.year, lang)}")
    pdf.add_page()
    pdf.paragraph(label("network.title", lang), size=16, color=BLUE, bold=True, h=8)
    pdf.paragraph(f"{label('year.report', lang)}: {_year_both(n.year, lang)}", size=12, bold=True, h=7)
    pilots = int((n.cities["role"] == "pilot").sum())
    reps = int((n.cities["role"] == "replicating").sum())
    award = int((n.cities["award_eligible"] == True).sum())  # noqa: E712 (nullable booleans)
    pdf.paragraph(label("network.cities", lang, pilots=pilots, reps=reps, award=award), size=10)
    pdf.paragraph(label("generated", lang, date=fmt_generated(n.generated, lang)) + " · "
                  + label("source.default", lang), size=8, color=GREY_TEXT)
    pdf.heading(label("network.summary", lang), size=11)
    rows = network_summary_rows(n, lang)
    cols = [Column(label("col.name", lang), 0.27), Column(label("role", lang), 0.12),
            Column(label("col.cfo_total", lang), 0.12, "R"), Column(label("col.base", lang), 0.08, "C"),
            Column(label("col.reduction", lang), 0.1, "R"), Column(label("col.award", lang), 0.08, "C"),
            Column(label("col.ccf_basic", lang), 0.14, "R"), Column(label("col.overall", lang), 0.09, "R")]
    fills = [(235, 244, 250) if c == "pilot" else None for c in n.cities["role"]]
    pdf.table_rows(cols, rows, size=7, fills=fills)
    pdf.paragraph(label("less.note", lang), size=7.5, color=GREY_TEXT)
    for _, c in n.cities.iterrows():
        _city_page(pdf, n, c, lang)
    if approval:
        approval_block(pdf, lang)
    return pdf.output_bytes()


def _city_page(pdf: ReportPDF, n: NetworkReport, c: pd.Series, lang: str) -> None:
    pdf.add_page()
    muni = {k: (None if missing(v) else v) for k, v in c.items()}
    pdf.paragraph(name_of(muni, lang), size=15, color=BLUE, bold=True, h=8)
    pdf.paragraph(other_name(muni, lang), size=9.5, color=GREY_TEXT)
    province = muni.get("province_th") if lang == "th" else muni.get("province_en")
    mentor = muni.get("mentor_th") if lang == "th" else muni.get("mentor_en")
    type_name = label(f"type.{muni['type']}", lang)
    pdf.key_values([
        (label("role", lang), label(f"role.{muni['role']}", lang) + (f" · {label('mentor', lang)}: {mentor}"
                                                                     if mentor else "")),
        (label("province", lang), f"{province or '—'} · {type_name} · "
                                  f"{label('population', lang)} {fmt.num(muni.get('population'))}"),
        (label("key.cfo_total", lang) + f" ({fmt_year(n.year, lang)})",
         _with_unit(fmt_t(muni.get("cfo_total")), " tCO2e")),
        (label("key.base_total", lang) + f" ({fmt_year(muni.get('base_year'), lang)})",
         _with_unit(fmt_t(muni.get("base_total")), " tCO2e")),
        (label("key.reduction", lang), f"{row_reduction_text(muni, lang)} · {label('key.award', lang)}: "
                                       f"{fmt_bool(muni.get('award_eligible'), lang)}"),
        (label("key.ccf_basic", lang) + " / BASIC+",
         f"{fmt_t(muni.get('ccf_basic'))} / {fmt_t(muni.get('ccf_basic_plus'))} tCO2e"),
    ], size=9, key_width=0.38)
    trend = n.trends[(n.trends["code"] == c["code"]) & (n.trends["year"] <= n.year)]
    if trend["cfo_total"].notna().any():
        png = charts.trend_chart([int(y) for y in trend["year"]],
                                 [None if missing(v) else float(v) for v in trend["cfo_total"]], lang,
                                 muni.get("base_year"), muni.get("base_total"), n.year, width_in=7.0, height_in=2.5,
                                 dpi=120)
        pdf.image_bytes(png, w=165)
    block = n.wma.get(c["code"])
    pdf.ln(1)
    pdf.paragraph(label("sec.wma", lang).split(". ", 1)[-1], size=10, bold=True)
    if block:
        _wma_matrix(pdf, block, {theme: muni.get(f"wma_{theme}") for theme in THEMES}, lang, size=8)
    else:
        pdf.paragraph(label("wma.none", lang), size=9)
    pdf.ln(1)
    pdf.paragraph(label("sec.asi", lang).split(". ", 1)[-1], size=10, bold=True)
    pdf.table_rows([Column("A-S-I", 0.4), Column(label("col.actions", lang), 0.25, "R"),
                    Column(label("asi.reduction", lang), 0.35, "R")],
                   asi_summary_rows(n.asi.get(c["code"]), lang), size=8, width=pdf.epw * 0.7)
