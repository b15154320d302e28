"""The share card: a 1200×630 PNG of one municipality-year for LINE and Facebook (Streamlit pages cannot carry
Open Graph tags, so the card is what people post).

It shows the name, the reduction against the base year with the award status (or why there is no comparable
figure), the Whole-Municipality mini-matrix, the demo badge when the data are synthetic, and the link as text
and as a QR code. Drawn with Pillow, no browser: Thai is shaped by Pillow's Raqm layout engine (HarfBuzz +
FriBiDi, bundled in the Pillow wheel), so vowels and tone marks sit where they belong. Noto Sans Thai has no
Latin letters or digits, so each line is split into Thai and non-Thai runs, drawn on one baseline with Noto
Sans Thai and Noto Sans (static/fonts).
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from indicators.showcase import summary_comparable
from ui import fmt
from ui.i18n import t

WIDTH, HEIGHT = 1200, 630
FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
_THAI_RUN = re.compile("([\u0e00-\u0e7f]+(?:[ ]+[\u0e00-\u0e7f]+)*)")

BG = (247, 247, 242)
FG = (17, 24, 39)
MUTED = (75, 85, 99)
GOOD = (15, 118, 110)
BAD = (180, 83, 9)
BADGE_BG = (255, 232, 163)
BADGE_FG = (91, 58, 0)
LINE = (209, 213, 219)
EMPTY = (229, 231, 235)
BAND = (0, 114, 178)


@lru_cache(maxsize=32)
def _font(thai: bool, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = ("NotoSansThai" if thai else "NotoSans") + ("-Bold" if bold else "-Regular") + ".ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size, layout_engine=ImageFont.Layout.RAQM)


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (run, is_thai) pieces; spaces between Thai words stay in the Thai run."""
    out = []
    for piece in _THAI_RUN.split(text):
        if piece:
            out.append((piece, bool(_THAI_RUN.fullmatch(piece))))
    return out


def text_width(text: str, size: int, bold: bool = False) -> float:
    """Width in pixels of ``text`` drawn by :func:`draw_text`."""
    return sum(_font(thai, bold, size).getlength(run) for run, thai in runs(text))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, fill, bold: bool = False,
              anchor_right: bool = False) -> float:
    """Draw ``text`` with its baseline at ``xy[1]`` (left edge at ``xy[0]``, or right edge when
    ``anchor_right``); returns the width drawn."""
    x, y = xy
    width = text_width(text, size, bold)
    if anchor_right:
        x -= width
    for run, thai in runs(text):
        font = _font(thai, bold, size)
        draw.text((x, y), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)
    return width


def fit_text(text: str, size: int, max_width: float, bold: bool = False, min_size: int = 24) -> int:
    """The largest font size up to ``size`` at which ``text`` fits ``max_width``."""
    while size > min_size and text_width(text, size, bold) > max_width:
        size -= 2
    return size


def qr_image(url: str, size: int) -> Image.Image:
    """A QR code of ``url`` (segno, error correction M), ``size`` pixels square, black on white."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buf, kind="png", scale=10, border=2)
    buf.seek(0)
    return Image.open(buf).convert("RGB").resize((size, size), Image.NEAREST)


def _cell_colour(score) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    if score is None:
        return EMPTY, MUTED
    a = 0.15 + 0.85 * max(0.0, min(1.0, float(score) / 100))
    bg = tuple(int(round(255 * (1 - a) + c * a)) for c in GOOD)
    return bg, ((255, 255, 255) if a > 0.55 else FG)


def card_png(name: str, place: str, year: int, summary: dict, lang: str, is_demo: bool, link: str) -> bytes:
    """The card as PNG bytes. ``summary`` is the summary JSON of the contract (reduction_pct, base_year,
    award_eligible, wma, and reduction.comparable where present)."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 14, HEIGHT), fill=BAND)
    x0 = 56
    # top line: the demo badge (always visible when synthetic) and the year
    y = 62
    if is_demo:
        label = t("demo.badge", lang)
        size = fit_text(label, 24, 700, True)
        w = text_width(label, size, True)
        d.rounded_rectangle((x0 - 10, y - 34, x0 + w + 14, y + 12), radius=10, fill=BADGE_BG)
        draw_text(d, (x0 + 2, y), label, size, BADGE_FG, bold=True)
    draw_text(d, (WIDTH - 44, y), fmt.year_label(year, lang), 30, MUTED, bold=True, anchor_right=True)
    # name and place
    size = fit_text(name, 56, WIDTH - 2 * x0, True, 34)
    draw_text(d, (x0, 140), name, size, FG, bold=True)
    draw_text(d, (x0, 188), place, 28, MUTED)
    # left: the reduction, or why there is none
    pct = summary.get("reduction_pct")
    base = summary.get("base_year")
    if pct is not None and summary_comparable(summary):
        sign = "–" if pct >= 0 else "+"  # en dash: the bundled Noto Sans subset has no U+2212 minus
        big = f"{sign}{abs(pct):.1f}%" if lang == "th" else f"{sign}{abs(pct):.1f} %"
        draw_text(d, (x0 - 4, 345), big, 150, GOOD if pct >= 0 else BAD, bold=True)
        sub = t("kiosk.cut_since" if pct >= 0 else "kiosk.rise_since", lang, base=fmt.year_label(base, lang))
        draw_text(d, (x0, 395), sub, 32, FG, bold=True)
        award = t("kiosk.award_yes" if summary.get("award_eligible") else "kiosk.award_no", lang)
        w = text_width(award, 28, True)
        fill = BADGE_BG if summary.get("award_eligible") else EMPTY
        d.rounded_rectangle((x0 - 8, 414, x0 + w + 16, 462), radius=10, fill=fill)
        draw_text(d, (x0 + 4, 448), award, 28, BADGE_FG if summary.get("award_eligible") else MUTED, bold=True)
    else:
        why = t("kiosk.no_reduction" if pct is None else "kiosk.not_comparable", lang)
        draw_text(d, (x0, 300), "—", 110, MUTED, bold=True)
        for i, line in enumerate(_wrap(why, 30, 560)):
            draw_text(d, (x0, 360 + i * 42), line, 30, FG)
    # right: the mini-matrix
    _matrix(d, summary.get("wma"), lang, x=660, y=236)
    # bottom: link as text and QR
    d.line((x0, 520, WIDTH - 44, 520), fill=LINE, width=2)
    qr = qr_image(link, 150)
    img.paste(qr, (WIDTH - 44 - 150, 470))
    draw_text(d, (x0, 562), t("card.open", lang), 24, MUTED)
    size = fit_text(link, 26, WIDTH - 44 - 150 - x0 - 30, False, 16)
    draw_text(d, (x0, 600), link, size, BAND)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _wrap(text: str, size: int, width: float) -> list[str]:
    """Lines of ``text`` within ``width`` pixels, broken at spaces or, in Thai, between words."""
    from reports.thai_text import ZWSP, break_thai

    words = re.split(f"([ {ZWSP}])", break_thai(text))
    lines, line = [], ""
    for w in words:
        if w in (" ", ZWSP):
            line += w
            continue
        trial = line + w
        if line and text_width(trial.replace(ZWSP, ""), size) > width:
            lines.append(line.replace(ZWSP, "").strip())
            line = w
        else:
            line = trial
    if line.strip():
        lines.append(line.replace(ZWSP, "").strip())
    return lines


def _matrix(d: ImageDraw.ImageDraw, wma: dict | None, lang: str, x: int, y: int) -> None:
    draw_text(d, (x, y), t("kiosk.matrix", lang), 26, MUTED, bold=True)
    if not wma:
        draw_text(d, (x, y + 50), t("kiosk.no_matrix", lang), 26, FG)
        return
    label_w, cell_w, cell_h, gap = 190, 72, 50, 6
    for j in range(4):
        draw_text(d, (x + label_w + j * (cell_w + gap) + cell_w / 2 - 8, y + 36), str(j + 1), 22, MUTED)
    for i, theme in enumerate(("low_carbon", "bike_walk", "resilience")):
        top = y + 48 + i * (cell_h + gap)
        label = t(f"card.theme.{theme}", lang)
        draw_text(d, (x, top + 34), label, fit_text(label, 24, label_w - 8, True, 16), FG, bold=True)
        for j in range(4):
            v = (wma.get(theme) or {}).get(str(j + 1))
            bg, fg = _cell_colour(v)
            left = x + label_w + j * (cell_w + gap)
            d.rounded_rectangle((left, top, left + cell_w, top + cell_h), radius=8, fill=bg)
            text = fmt.num(v, 0)
            draw_text(d, (left + (cell_w - text_width(text, 26, True)) / 2, top + 35), text, 26, fg, bold=True)
    overall = wma.get("overall")
    note = (f"{t('wma.overall', lang)}: {fmt.num(overall, 0)}" if overall is not None
            else t("kiosk.low_evidence", lang))
    draw_text(d, (x, y + 48 + 3 * (cell_h + gap) + 30), note, 26, FG, bold=overall is not None)
