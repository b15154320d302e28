"""The 12 Whole-Municipality cells of each city as a small 3 × 4 table (themes × dimensions), the weakest cell
marked: what a mentor reads on a phone, where a 12-column heatmap leaves each cell a few pixels wide.

Plain HTML with inline colours (no script), so it draws at once and prints as it shows."""
from __future__ import annotations

import html
import math

import pandas as pd

from indicators.catalogue import DIMENSIONS, THEMES, cell_column
from ui.i18n import t

# Cividis (the matrix heatmaps' scale): readable by people with colour-vision deficiency and in grey print
_STOPS = ((0.0, (0, 34, 78)), (0.25, (65, 77, 107)), (0.5, (124, 123, 120)), (0.75, (188, 175, 111)),
          (1.0, (254, 232, 56)))
WEAK_MARK = "▼"


def colour(score: float) -> tuple[str, str]:
    """(background, text colour) of a score 0–100 on the Cividis scale; grey for a cell without a score."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return "#E0E0E0", "#555555"
    x = min(max(float(score) / 100, 0.0), 1.0)
    for (x0, c0), (x1, c1) in zip(_STOPS, _STOPS[1:]):
        if x <= x1:
            f = (x - x0) / (x1 - x0)
            rgb = tuple(round(a + (b - a) * f) for a, b in zip(c0, c1))
            return "#%02X%02X%02X" % rgb, "#000000" if x >= 0.55 else "#FFFFFF"
    return "#FEE838", "#000000"


def city_grid(name: str, row: pd.Series, weakest: str | None) -> str:
    """One city's 3 × 4 table: a row per theme, a column per dimension, the score in each cell and the weakest
    cell marked with ▼ and a thick border."""
    head = "".join(f"<th title='{html.escape(t(f'dim.{d}'))}'>{d}</th>" for d in DIMENSIONS)
    body = []
    for theme in THEMES:
        cells = []
        for d in DIMENSIONS:
            col = cell_column(theme, d)
            score = pd.to_numeric(row.get(col), errors="coerce")
            bg, fg = colour(score)
            text = "—" if pd.isna(score) else f"{score:.0f}"
            weak = col == weakest
            mark = f"{WEAK_MARK} " if weak else ""
            border = "3px solid #D62728" if weak else "1px solid #FFFFFF"
            label = f"{t(f'theme.{theme}')} · {t(f'dim.{d}')}: {text}"
            cells.append(f"<td style='background:{bg};color:{fg};border:{border}' title='{html.escape(label)}'"
                         f"{' data-weakest=1' if weak else ''}>{mark}{text}</td>")
        body.append(f"<tr><th scope='row'>{html.escape(t(f'theme.short.{theme}'))}</th>{''.join(cells)}</tr>")
    return (f"<figure class='lcrs-cells'><figcaption>{html.escape(name)}</figcaption>"
            f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></figure>")


STYLE = ("<style>.lcrs-cells{margin:0 0 .75rem 0}.lcrs-cells figcaption{font-weight:600;font-size:.9rem;"
         "margin-bottom:.2rem}.lcrs-cells table{border-collapse:collapse;width:100%;table-layout:fixed;"
         "font-size:.9rem}.lcrs-cells th{font-weight:500;font-size:.78rem;text-align:center;padding:.15rem}"
         ".lcrs-cells th[scope=row]{text-align:left;width:27%}.lcrs-cells td{text-align:center;padding:.35rem .1rem;"
         "font-variant-numeric:tabular-nums}</style>")


def grids_html(rows: pd.DataFrame, names: list[str], weakest: list) -> str:
    """Every city's grid, one under the other, with the dimension numbers explained once below."""
    legend = " · ".join(f"{d} {t(f'dim.{d}')}" for d in DIMENSIONS)
    grids = "".join(city_grid(n, r, w) for n, (_, r), w in zip(names, rows.iterrows(), weakest))
    return f"{STYLE}{grids}<p style='font-size:.78rem;color:#555'>{html.escape(legend)}</p>"
