"""Report charts as PNG bytes (matplotlib, Agg backend: no display, no browser, no network).

Fonts come from ``static/fonts`` (Noto Sans for Latin and digits, Noto Sans Thai for Thai, as a fallback
list); matplotlib shapes Thai marks itself. Colours: Okabe-Ito, as in ``ui/charts.py``.
"""
from __future__ import annotations

import io
import math
import threading

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from reports.labels import label  # noqa: E402
from reports.pdf_base import FONT_DIR  # noqa: E402
from indicators.targets import award_line  # noqa: E402
from ui import fmt  # noqa: E402
from indicators.missing import is_missing  # noqa: E402

FONT_FAMILIES = ["Noto Sans", "Noto Sans Thai"]
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
GREY = "#6b6b6b"

_fonts_lock = threading.Lock()
_fonts_loaded = False


def _register_fonts() -> None:
    global _fonts_loaded
    with _fonts_lock:
        if not _fonts_loaded:
            for path in sorted(FONT_DIR.glob("*.ttf")):
                font_manager.fontManager.addfont(str(path))
            _fonts_loaded = True


def _rc():
    """matplotlib settings for report charts; text objects take their font when created, so every chart is
    built inside this context."""
    _register_fonts()
    return matplotlib.rc_context({"font.family": FONT_FAMILIES, "font.size": 9, "axes.unicode_minus": False})


def _png(fig: Figure, dpi: int = 160) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def trend_chart(years: list[int], totals: list[float | None], lang: str, base_year: int | None = None,
                base_total: float | None = None, report_year: int | None = None,
                width_in: float = 7.0, height_in: float = 3.0, dpi: int = 160) -> bytes:
    """Annual CFO totals (tCO2e) with the base-year level and the 5 % reduction line (base x 0.95).

    Years are shown in พ.ศ. in Thai. Missing years leave a gap in the line. Returns PNG bytes.
    """
    with _rc():
        return _trend_chart(years, totals, lang, base_year, base_total, report_year, width_in, height_in, dpi)


def _trend_chart(years, totals, lang, base_year, base_total, report_year, width_in, height_in, dpi) -> bytes:
    # fixed margins: a constrained layout would draw every figure twice (a third of the network report's time)
    fig = Figure(figsize=(width_in, height_in))
    fig.subplots_adjust(left=0.11, right=0.72, bottom=0.26 if len(years) > 8 else 0.2, top=0.95)
    ax = fig.add_subplot()
    xs = [fmt.be(y) if lang == "th" else int(y) for y in years]
    ys = [math.nan if is_missing(v) else float(v) for v in totals]
    ax.plot(xs, ys, color=BLUE, marker="o", linewidth=2, label=label("chart.actual", lang))
    if base_total is not None and base_year is not None:
        target = award_line(base_total)
        ax.axhline(base_total, color=GREY, linestyle="--", linewidth=1.2,
                   label=f"{label('chart.base', lang)} ({fmt.short_year(base_year, lang)})")
        ax.axhline(target, color=VERMILION, linestyle=":", linewidth=1.8, label=label("chart.target", lang))
    if report_year is not None and report_year in years:
        i = years.index(report_year)
        if not math.isnan(ys[i]):
            ax.plot([xs[i]], [ys[i]], marker="o", markersize=10, markerfacecolor="none", color=ORANGE,
                    markeredgewidth=2)
    ax.set_xticks(xs)
    ax.set_xticklabels([str(x) for x in xs], rotation=0 if len(xs) <= 8 else 45, fontsize=8)
    ax.set_xlabel(label("chart.year", lang), fontsize=9)
    ax.set_ylabel("tCO2e", fontsize=9)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.tick_params(axis="y", labelsize=8)
    finite = [v for v in ys if not math.isnan(v)] + ([award_line(base_total), base_total] if base_total else [])
    if finite:
        lo, hi = min(finite), max(finite)
        pad = (hi - lo) * 0.15 or hi * 0.05 or 1.0
        ax.set_ylim(max(0.0, lo - pad), hi + pad)
    ax.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _png(fig, dpi)


def scope_bar_chart(values: dict[str, float], lang: str, width_in: float = 7.0, height_in: float = 1.6) -> bytes:
    """One horizontal stacked bar of emissions by scope (label -> tCO2e), shares printed in the segments."""
    with _rc():
        return _scope_bar_chart(values, lang, width_in, height_in)


def _scope_bar_chart(values, lang, width_in, height_in) -> bytes:
    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = fig.add_subplot()
    total = sum(v for v in values.values() if v and v > 0)
    left = 0.0
    colours = [VERMILION, BLUE, "#009E73", ORANGE]
    for (name, v), colour in zip(values.items(), colours):
        if not v or v <= 0:
            continue
        ax.barh([0], [v], left=left, color=colour, label=name, height=0.6)
        share = v / total * 100 if total else 0
        if share >= 8:
            ax.text(left + v / 2, 0, f"{share:.0f} %", ha="center", va="center", color="white", fontsize=9,
                    fontweight="bold")
        left += v
    ax.set_yticks([])
    ax.set_xlim(0, total or 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("tCO2e", fontsize=8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if total:
        ax.legend(fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(values), frameon=False)
    return _png(fig)
