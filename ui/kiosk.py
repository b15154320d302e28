"""The wall screen's drawing: HTML for each slide, sized for a TV seen from three metres (pages/showcase.py).

Sizes are in viewport-height units (vh), so one layout serves 1920×1080 and 3840×2160: 1 vh is 10.8 px on a
1080p screen, 21.6 px on 4K. The smallest text is ``SMALLEST_VH`` = 3.2 vh (34.6 px at 1080p; the brief's
floor for reading at 3 m is ~32 px). Colours: Okabe-Ito blue/orange for meaning, viridis for the map (as
geo/layers.py), two themes (light, dark) for the room's light.

Every text from data is escaped here (``esc``); the builders return strings and need no Streamlit, so they are
unit-tested.
"""
from __future__ import annotations

import html
from typing import Sequence

from ui import fmt
from ui.i18n import t

SMALLEST_VH = 3.2
THEMES = {
    "light": {"bg": "#F7F7F2", "fg": "#111827", "muted": "#374151", "card": "#FFFFFF", "line": "#D1D5DB",
              "good": "#0F766E", "bad": "#B45309", "accent": "#0072B2", "badge_bg": "#FFE8A3", "badge_fg": "#5B3A00",
              "bar": "#0F766E", "empty": "#E5E7EB", "land": (222, 226, 232), "border": (255, 255, 255)},
    "dark": {"bg": "#0B1220", "fg": "#F3F4F6", "muted": "#CBD5E1", "card": "#111A2E", "line": "#334155",
             "good": "#5EEAD4", "bad": "#FBBF24", "accent": "#56B4E9", "badge_bg": "#FBBF24", "badge_fg": "#1F1300",
             "bar": "#2DD4BF", "empty": "#1E293B", "land": (30, 41, 59), "border": (71, 85, 105)},
}


def esc(x) -> str:
    """Text made safe for HTML (data never becomes markup)."""
    return html.escape("" if x is None else str(x), quote=True)


def css(theme: str) -> str:
    """The kiosk's style sheet: a full-viewport panel (the keyed container ``kiosk``) and the slide parts."""
    c = THEMES.get(theme, THEMES["light"])
    return f"""<style>
.st-key-kiosk {{position: fixed; inset: 0; z-index: 1000000; background: {c['bg']}; color: {c['fg']};
  padding: 3vh 3.5vw 0 3.5vw; overflow: hidden; gap: 1.5vh;}}
.st-key-kiosk * {{font-size: {SMALLEST_VH}vh;}}
.st-key-kiosk .k {{color: {c['fg']}; line-height: 1.25; font-size: {SMALLEST_VH}vh;}}
.st-key-kiosk h1 {{font-size: 6.2vh; line-height: 1.15; margin: 0 24vh 1.2vh 0; color: {c['fg']};
  font-weight: 700; padding: 0;}}
.st-key-kiosk .sub {{font-size: 3.6vh; color: {c['muted']}; margin: 0 24vh 3.5vh 0; min-height: 4.5vh;}}
.st-key-kiosk .huge {{font-size: 17vh; font-weight: 800; line-height: 1; letter-spacing: -0.02em;}}
.st-key-kiosk .big {{font-size: 9vh; font-weight: 800; line-height: 1.05;}}
.st-key-kiosk .mid {{font-size: 4.6vh; font-weight: 600; line-height: 1.2;}}
.st-key-kiosk .txt {{font-size: 3.8vh; line-height: 1.3;}}
.st-key-kiosk .clamp {{display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;}}
.st-key-kiosk .small {{font-size: {SMALLEST_VH}vh; color: {c['muted']};}}
.st-key-kiosk .good {{color: {c['good']};}} .st-key-kiosk .bad {{color: {c['bad']};}}
.st-key-kiosk .row {{display: flex; gap: 2.5vw; align-items: stretch;}}
.st-key-kiosk .col {{display: flex; flex-direction: column; gap: 2vh; min-width: 0;}}
.st-key-kiosk .card {{background: {c['card']}; border: 0.25vh solid {c['line']}; border-radius: 2vh; padding: 1.8vh 2vw;}}
.st-key-kiosk .tiles {{display: grid; grid-template-columns: repeat(4, 1fr); gap: 2vw;}}
.st-key-kiosk .tile .big {{font-size: 8vh;}}
.st-key-kiosk .rank {{display: grid; grid-template-columns: 4vw 1fr 14vw 17vw 17vw; align-items: center;
  gap: 1.5vw;
  padding: 1.1vh 0; border-bottom: 0.2vh solid {c['line']};}}
.st-key-kiosk .rank .no {{font-size: 4.6vh; font-weight: 800; color: {c['muted']};}}
.st-key-kiosk .rank .name {{font-size: 4.2vh; font-weight: 600; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis;}}
.st-key-kiosk .bar {{height: 4.2vh; background: {c['bar']}; border-radius: 1vh;}}
.st-key-kiosk .rank .val {{font-size: 4.6vh; font-weight: 800; text-align: right; color: {c['good']};
  white-space: nowrap;}}
.st-key-kiosk .badge {{display: inline-block; background: {c['badge_bg']}; color: {c['badge_fg']}; border-radius: 1vh;
  padding: 0.3vh 1vw; font-size: {SMALLEST_VH}vh; font-weight: 700; white-space: nowrap;}}
.st-key-kiosk .matrix {{display: grid; grid-template-columns: 15vw repeat(4, 1fr); gap: 0.6vh;}}
.st-key-kiosk .matrix .h {{font-size: {SMALLEST_VH}vh; color: {c['muted']}; text-align: center;}}
.st-key-kiosk .matrix .th {{font-size: {SMALLEST_VH}vh; font-weight: 600; align-self: center;}}
.st-key-kiosk .matrix .cell {{font-size: 3.6vh; font-weight: 800; text-align: center; border-radius: 1vh; padding: 0.4vh 0;}}
.st-key-kiosk .legend {{display: flex; flex-direction: column; gap: 0.8vh;}}
.st-key-kiosk .legend .sw {{display: inline-block; width: 4vh; height: 3.2vh; border-radius: 0.6vh; margin-right: 1vw;
  vertical-align: middle;}}
.st-key-kiosk .foot {{position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000001; display: flex; gap: 2vw;
  align-items: center; padding: 1vh 3.5vw; background: {c['bg']}; border-top: 0.2vh solid {c['line']};
  font-size: {SMALLEST_VH}vh; color: {c['muted']};}}
.st-key-kiosk .foot .grow {{flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}}
.st-key-kiosk_qr {{position: fixed; right: 3.5vw; top: 1.5vh; z-index: 1000001; background: #FFFFFF;
  border-radius: 1.5vh; padding: 0.8vh 1vh; width: auto; gap: 0; align-items: center;}}
.st-key-kiosk_qr img {{width: 12vh !important; height: 12vh !important;}}
.st-key-kiosk .qrcap {{font-size: {SMALLEST_VH}vh; color: #111827; white-space: nowrap; line-height: 1.2;
  text-align: center;}}
.st-key-kiosk_spark {{position: fixed; right: 4vw; top: 21vh; width: 48vw; z-index: 1000001;}}
.st-key-kiosk_spark img {{width: 48vw !important; height: 20vh !important;}}
.st-key-kiosk_mapbox {{width: 100%;}}
@media (min-height: 1300px) {{ .st-key-kiosk_mapbox {{zoom: 1.33;}} }}
@media (min-height: 1800px) {{ .st-key-kiosk_mapbox {{zoom: 2;}} }}
</style>"""


def sparkline_svg(values: Sequence[float], color: str, width: int = 600, height: int = 160,
                  stroke: float = 8) -> str:
    """A line through ``values`` (first left, last right) with a dot on the last value; the vertical range is
    the values' own range. Empty string for fewer than two values."""
    vals = [float(v) for v in values]
    if len(vals) < 2:
        return ""
    lo, hi = min(vals), max(vals)
    span = (hi - lo) or 1.0
    pad = stroke * 1.5
    xs = [pad + i * (width - 2 * pad) / (len(vals) - 1) for i in range(len(vals))]
    ys = [pad + (hi - v) / span * (height - 2 * pad) for v in vals]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" preserveAspectRatio="none"><polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{stroke}" '
            f'stroke-linejoin="round" stroke-linecap="round"/><circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" '
            f'r="{stroke * 1.4:.1f}" fill="{color}"/></svg>')


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG bytes (segno, error correction M, black on white, quiet zone 2)."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


def qr_caption(lang: str) -> str:
    """The line under the corner QR code."""
    return f"<div class='qrcap'>{esc(t('kiosk.scan', lang))}</div>"


def score_colour(score, theme: str) -> tuple[str, str]:
    """Background and text colour of a matrix cell: teal, stronger with the score; an empty cell when None."""
    c = THEMES.get(theme, THEMES["light"])
    if score is None:
        return c["empty"], c["muted"]
    alpha = 0.15 + 0.85 * max(0.0, min(1.0, float(score) / 100))
    rgb = (15, 118, 110) if theme != "dark" else (45, 212, 191)
    text = "#FFFFFF" if theme != "dark" and alpha > 0.55 else c["fg"]
    if theme == "dark" and alpha > 0.55:
        text = "#04201C"
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha:.2f})", text


def matrix_html(matrix: dict | None, lang: str, theme: str) -> str:
    """The 3 themes × 4 dimensions mini-matrix with scores (0–100), the overall index or why it is withheld."""
    if not matrix:
        return f"<div class='txt'>{esc(t('kiosk.no_matrix', lang))}</div>"
    head = "<div></div>" + "".join(f"<div class='h'>{d}</div>" for d in range(1, 5))
    rows = []
    for th in ("low_carbon", "bike_walk", "resilience"):
        cells = []
        for d in range(1, 5):
            v = matrix[th].get(str(d))
            bg, fg = score_colour(v, theme)
            cells.append(f"<div class='cell' style='background:{bg};color:{fg}'>{esc(fmt.num(v, 0))}</div>")
        rows.append(f"<div class='th'>{esc(t('card.theme.' + th, lang))}</div>{''.join(cells)}")
    overall = matrix.get("overall")
    if overall is None:
        foot = f"<div class='small'>{esc(t('kiosk.low_evidence', lang))}</div>"
    else:
        foot = f"<div class='mid'>{esc(t('wma.overall', lang))}: {esc(fmt.num(overall, 0))}</div>"
    return f"<div class='matrix'>{head}{''.join(rows)}</div>{foot}"


def legend_html(stops: Sequence[tuple[str, tuple[int, int, int]]], lang: str, missing_rgb) -> str:
    """The map legend: a swatch per stop (low to high) and one for 'no comparable figure'."""
    items = [f"<div class='txt'><span class='sw' style='background:rgb{tuple(rgb)}'></span>{esc(label)}</div>"
             for label, rgb in stops]
    items.append(f"<div class='txt'><span class='sw' style='background:rgb{tuple(missing_rgb)}'></span>"
                 f"{esc(t('kiosk.legend_none', lang))}</div>")
    return f"<div class='legend'><div class='mid'>{esc(t('kiosk.legend', lang))}</div>{''.join(items)}</div>"


def footer_html(lang: str, is_demo: bool, slide: int, n_slides: int, updated: str, source: str) -> str:
    """The bottom line: demo badge, source, data time, slide number (all at least ``SMALLEST_VH``)."""
    demo = f"<span class='badge'>{esc(t('demo.badge', lang))}</span>" if is_demo else ""
    return (f"<div class='foot'>{demo}<span class='grow'>{esc(t('source.label', lang))}: {esc(source)}</span>"
            f"<span>{esc(updated)}</span><span class='slide'>{esc(t('kiosk.slide', lang, i=slide + 1, n=n_slides))}</span></div>")


def headline_html(title: str, kpis: Sequence[tuple[str, str]], change_text: str, trend_caption: str) -> str:
    """The network headline: title, the like-for-like change (its sparkline is drawn beside it as an image,
    ``sparkline_svg``), then four KPI tiles."""
    tiles = "".join(f"<div class='card tile'><div class='big'>{esc(v)}</div><div class='txt'>{esc(lbl)}</div></div>"
                    for v, lbl in kpis)
    return (f"<div class='k'><h1>{esc(title)}</h1>"
            f"<div class='row' style='align-items:center;margin-bottom:3vh'>"
            f"<div class='col' style='flex:1;max-width:40vw;min-height:30vh'>"
            f"<div class='huge good'>{esc(change_text)}</div>"
            f"<div class='txt'>{esc(trend_caption)}</div></div></div>"
            f"<div class='tiles'>{tiles}</div></div>")


def ranking_html(title: str, rule: str, rows: Sequence[dict], empty_text: str, lang: str) -> str:
    """The ranking: rank, name, a bar proportional to the cut, the cut as 'ลดลง ร้อยละ 47.6' / '47.6 % cut',
    and the award badge. ``rows``: name, pct (float), award (bool or None)."""
    if not rows:
        return f"<div class='k'><h1>{esc(title)}</h1><div class='sub'>{esc(rule)}</div>" \
               f"<div class='mid'>{esc(empty_text)}</div></div>"
    top = max((r["pct"] for r in rows if r["pct"] > 0), default=1.0)
    out = []
    for i, r in enumerate(rows, start=1):
        width = max(0.0, r["pct"]) / top * 100
        badge = f"<span class='badge'>{esc(t('kiosk.award_yes', lang))}</span>" if r.get("award") else ""
        out.append(f"<div class='rank'><div class='no'>{i}</div><div class='name'>{esc(r['name'])}</div>"
                   f"<div><div class='bar' style='width:{width:.1f}%'></div></div>"
                   f"<div class='val'>{esc(cut_text(r['pct'], lang))}</div><div>{badge}</div></div>")
    return f"<div class='k'><h1>{esc(title)}</h1><div class='sub'>{esc(rule)}</div>{''.join(out)}</div>"


def cut_text(pct: float, lang: str) -> str:
    """A reduction with its label, so a bare '%' is never on screen: 'ลดลง 47.6%' / '47.6 % cut'; a rise is
    shown with a plus sign."""
    if pct is None:
        return "—"
    if pct >= 0:
        return f"{t('kiosk.cut_short', lang)} {pct:.1f}%" if lang == "th" else f"{pct:.1f} % {t('kiosk.cut_short', lang)}"
    return f"+{-pct:.1f}%" if lang == "th" else f"+{-pct:.1f} %"


def story_html(name: str, place: str, headline: str, headline_class: str, sub: str, award: str | None,
               why_title: str, why_lines: Sequence[str], action_title: str, action_lines: Sequence[str],
               matrix: str, matrix_title: str) -> str:
    """One municipality's story filling the screen: the reduction (or why there is none) with the award status
    and the why on the left; the action with its result and the mini-matrix on the right."""
    award_html = f"<div><span class='badge'>{esc(award)}</span></div>" if award else ""
    why = "".join(f"<div class='txt'>{esc(line)}</div>" for line in why_lines)
    act = "".join(f"<div class='{'mid clamp' if i == 0 else 'txt'}'>{esc(line)}</div>"
                  for i, line in enumerate(action_lines))
    return (f"<div class='k'><h1>{esc(name)}</h1><div class='sub'>{esc(place)}</div>"
            f"<div class='row'>"
            f"<div class='col' style='flex:1.05'><div class='card'>"
            f"<div class='{headline_class}'>{esc(headline)}</div><div class='mid' style='margin:1vh 0'>{esc(sub)}</div>"
            f"{award_html}</div>"
            f"<div class='card'><div class='mid'>{esc(why_title)}</div>{why}</div></div>"
            f"<div class='col' style='flex:1'><div class='card'><div class='small'>{esc(action_title)}</div>{act}</div>"
            f"<div class='card'><div class='small'>{esc(matrix_title)}</div>{matrix}</div></div>"
            f"</div></div>")
