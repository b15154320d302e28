"""The A4 report document: fonts, Thai shaping and line breaking, header/footer, headings and tables (fpdf2).

Thai needs three things to read correctly in a PDF: a Thai font (Noto Sans Thai), OpenType shaping so that
vowels and tone marks sit in the right place (fpdf2 ``set_text_shaping(True)``, HarfBuzz via uharfbuzz), and
line breaks only between words (break opportunities at U+200B between Thai words, ``reports.thai_text``). Noto
Sans Thai has no Latin letters or digits, so Noto Sans is the fallback font for them (``set_fallback_fonts``).

Lines are wrapped here rather than by fpdf2's ``multi_cell``/``table``: fpdf2 re-measures the whole line after
each character, with a HarfBuzz run per measurement when shaping is on, which made a table-heavy report take
~10 s. This module measures with the fonts' advance widths (shaping moves Thai marks but changes no advance in
Noto Sans Thai; in Noto Sans it only applies kerning, which narrows text), breaks at spaces and U+200B, and
draws each finished line with one ``cell`` call, shaped only when it contains Thai.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from fpdf import FPDF
from fpdf.enums import TextDirection

from reports.labels import label
from reports.pdf_text_layer import TextLayerProducer, use_cluster_text
from reports.thai_text import ZWSP, break_thai

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
THAI_FAMILY = "NotoSansThai"
LATIN_FAMILY = "NotoSans"
FONT_FILES = {
    (THAI_FAMILY, ""): "NotoSansThai-Regular.ttf",
    (THAI_FAMILY, "B"): "NotoSansThai-Bold.ttf",
    (LATIN_FAMILY, ""): "NotoSans-Regular.ttf",
    (LATIN_FAMILY, "B"): "NotoSans-Bold.ttf",
}

# Okabe-Ito (colour-blind safe), as in ui/charts.py
BLUE = (0, 114, 178)
GREY_TEXT = (90, 90, 90)
RULE = (170, 170, 170)
HEAD_FILL = (222, 235, 247)
SUBTOTAL_FILL = (242, 242, 242)
DEMO_FILL = (255, 236, 179)
DEMO_TEXT = (120, 60, 0)

BODY_SIZE = 10
SMALL_SIZE = 8
LINE_FACTOR = 0.46    # line height in mm per pt of font size (Thai needs room above and below the x-height)
KEEP_TOGETHER_MM = 90
PAD_X = 1.2
PAD_Y = 0.9

_THAI_RE = re.compile("[\u0e01-\u0e5b]")
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SEGMENT_RE = re.compile("[^ \u200b]*[ \u200b]*")
# marks that must stay with the character before them when a word has to be cut
_COMBINING = set("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
                 "\u0e4d\u0e4e")


def has_thai(text: str) -> bool:
    """True when ``text`` contains a Thai letter, vowel or mark."""
    return bool(_THAI_RE.search(text))


@dataclass(frozen=True)
class Column:
    """A table column: heading, width as a fraction of the table width, alignment (L, C, R)."""
    heading: str
    width: float
    align: str = "L"


class ReportPDF(FPDF):
    """An A4 report with Thai shaping, a demo banner on every page (when the data are synthetic) and
    'page N / M' in the footer."""

    def __init__(self, lang: str = "th", is_demo: bool = False, footer_text: str = "", title: str = ""):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang = lang
        self.is_demo = is_demo
        self.footer_text = footer_text
        self.set_margins(15, 18, 15)
        self.set_auto_page_break(True, margin=18)
        for (family, style), file in FONT_FILES.items():
            self.add_font(family, style, str(FONT_DIR / file))
        use_cluster_text(self)  # a clean text layer: copied Thai text has no stray control characters
        self.set_fallback_fonts([LATIN_FAMILY, THAI_FAMILY], exact_match=False)
        self._shaping = None
        self._use_font(True, False, BODY_SIZE)
        self.set_title(title)
        self.set_creator("LCRS dashboard")
        self.set_lang("th" if lang == "th" else "en")
        self.alias_nb_pages("{nb}")
        thai = self.fonts[THAI_FAMILY.lower()]
        self._thai_chars = frozenset(chr(c) for c in thai.cmap)

    # --- fonts and measuring --------------------------------------------------------------------------------

    def _use_font(self, thai: bool, bold: bool, size: float) -> None:
        """Thai text: Noto Sans Thai with shaping; other text: Noto Sans, unshaped (nothing to shape)."""
        self.set_font(THAI_FAMILY if thai else LATIN_FAMILY, "B" if bold else "", size)
        if self._shaping is not thai:
            self.set_text_shaping(thai)
            self._shaping = thai

    def text_width(self, text: str, thai: bool, bold: bool, size: float) -> float:
        """Width in mm of ``text`` set in the font ``_use_font(thai, bold, size)`` chooses (fallback included)."""
        style = "B" if bold else ""
        latin = self.fonts[LATIN_FAMILY.lower() + style].cw
        if thai:
            thai_cw = self.fonts[THAI_FAMILY.lower() + style].cw
            units = sum(thai_cw[ord(c)] if c in self._thai_chars else latin[ord(c)] for c in text)
        else:
            units = sum(latin[ord(c)] for c in text)
        return units * size / 1000.0 / self.k

    def wrap(self, text: str, width: float, bold: bool = False, size: float = BODY_SIZE) -> list[str]:
        """Lines of ``text`` that fit ``width`` mm, broken at spaces and between Thai words only (a single word
        wider than the line is cut between characters, never before a Thai mark)."""
        thai = has_thai(text)
        prepared = break_thai(text) if thai else text
        lines: list[str] = []
        for para in prepared.split("\n"):
            line, line_w = "", 0.0
            for seg in _SEGMENT_RE.findall(para):
                if not seg:
                    continue
                word = seg.rstrip(" " + ZWSP)
                word_w = self.text_width(word, thai, bold, size)
                if line and line_w + word_w > width:
                    lines.append(line)
                    line, line_w = "", 0.0
                if not line and word_w > width:
                    pieces = self._cut_word(word, width, thai, bold, size)
                    lines.extend(pieces[:-1])
                    line = pieces[-1] + seg[len(word):]
                    line_w = self.text_width(line, thai, bold, size)
                    continue
                line += seg
                line_w += self.text_width(seg, thai, bold, size)
            lines.append(line)
        return [ln.replace(ZWSP, "").rstrip(" ") for ln in lines]

    def _cut_word(self, word: str, width: float, thai: bool, bold: bool, size: float) -> list[str]:
        pieces, current = [], ""
        for ch in word:
            if current and ch not in _COMBINING and self.text_width(current + ch, thai, bold, size) > width:
                pieces.append(current)
                current = ""
            current += ch
        pieces.append(current)
        return pieces

    def draw_line(self, text: str, x: float, y: float, w: float, h: float, align: str = "L",
                  bold: bool = False, size: float = BODY_SIZE) -> None:
        """One line of text at (x, y) in a box w x h, aligned L, C or R; shaped when it contains Thai."""
        if not text:
            return
        self._use_font(has_thai(text), bold, size)
        self.set_xy(x, y)
        self.cell(w, h, text, align=align)

    def _preload_bidirectional_text(self, text, markdown):
        # Report text is left-to-right (Thai, Latin, digits): skip fpdf2's Unicode bidi pass, a third of the
        # drawing time, unless a right-to-left character turns up.
        if self.text_shaping and not _RTL_RE.search(text):
            self.text_shaping["paragraph_direction"] = TextDirection.LTR
            self.text_shaping["fragment_direction"] = TextDirection.LTR
            return tuple(self._preload_font_styles(text, markdown))
        return super()._preload_bidirectional_text(text, markdown)

    # --- page furniture ---------------------------------------------------------------------------------

    def header(self):
        if not self.is_demo:
            return
        self.set_fill_color(*DEMO_FILL)
        self.rect(self.l_margin, 6, self.epw, 6, style="F")
        self.set_text_color(*DEMO_TEXT)
        self.draw_line(label("demo.label", self.lang), self.l_margin, 6, self.epw, 6, "C", True, SMALL_SIZE)
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        y = self.h - 13
        self.set_text_color(*GREY_TEXT)
        self.draw_line(self.footer_text, self.l_margin, y, self.epw * 0.7, 5, "L", False, SMALL_SIZE)
        # fpdf2 fills in the page-count alias only in unshaped text, so the numbers are drawn apart from the
        # (possibly Thai, shaped) word "page"
        numbers = f"{self.page_no()} / {self.str_alias_nb_pages}"
        right = self.l_margin + self.epw
        num_w = self.text_width(f"{self.page_no()} / 999", False, False, SMALL_SIZE)
        self.draw_line(numbers, right - num_w, y, num_w, 5, "L", False, SMALL_SIZE)
        word = label("page.word", self.lang)
        word_w = self.text_width(word + " ", has_thai(word), False, SMALL_SIZE)
        self.draw_line(word, right - num_w - word_w, y, word_w, 5, "L", False, SMALL_SIZE)
        self.set_text_color(0, 0, 0)

    def _room(self, h: float) -> None:
        """Start a new page unless ``h`` mm fit above the bottom margin."""
        if self.get_y() + h > self.page_break_trigger:
            self.add_page()

    # --- text -------------------------------------------------------------------------------------------

    def heading(self, text: str, size: float = 13, color=BLUE, space_before: float = 3) -> None:
        """A section heading, moved to a new page when fewer than ~40 mm remain below it."""
        if self.get_y() > self.page_break_trigger - 40:
            self.add_page()
        else:
            self.ln(space_before)
        self.paragraph(text, size=size, color=color, bold=True)
        self.ln(1)

    def paragraph(self, text: str, size: float = BODY_SIZE, color=(0, 0, 0), bold: bool = False,
                  h: float | None = None) -> None:
        """Wrapped, left-aligned text over the full text width (Thai broken between words)."""
        lh = h or size * LINE_FACTOR + 0.6
        self.set_text_color(*color)
        for line in self.wrap(text, self.epw, bold, size):
            self._room(lh)
            self.draw_line(line, self.l_margin, self.get_y(), self.epw, lh, "L", bold, size)
            self.set_xy(self.l_margin, self.get_y() + lh)
        self.set_text_color(0, 0, 0)

    def key_values(self, pairs: Sequence[tuple[str, str]], key_width: float = 0.45, size: float = BODY_SIZE):
        """A two-column borderless list of label / value pairs."""
        cols = [Column("", key_width), Column("", 1 - key_width)]
        self.table_rows(cols, [[k, v] for k, v in pairs], size=size, headings=False, borders="NONE",
                        bold_first_col=True)

    def image_bytes(self, png: bytes, w: float, h: float | None = None):
        """Place a PNG (bytes) at the current position, ``w`` mm wide, centred; a new page if it does not fit."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as im:
            height = h or w * im.height / im.width
        self._room(height)
        x = self.l_margin + (self.epw - w) / 2
        self.image(io.BytesIO(png), x=x, y=self.get_y(), w=w, h=height)
        self.set_xy(self.l_margin, self.get_y() + height + 1)

    # --- tables -----------------------------------------------------------------------------------------

    def table_rows(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = 9,
                   headings: bool = True, borders: str = "HORIZONTAL_LINES", fills: Sequence | None = None,
                   bold_rows: Sequence[int] = (), bold_first_col: bool = False, width: float | None = None,
                   cell_fills: dict | None = None, keep_with_next: float = 0) -> None:
        """Draw a table of already formatted strings; the heading row repeats after a page break.

        ``borders``: HORIZONTAL_LINES (rules under the heading and between rows), ALL (a box per cell) or
        NONE. ``fills[i]`` colours row i; ``bold_rows`` are subtotal rows; ``cell_fills`` maps (row, col) ->
        RGB for shaded cells (the Whole-Municipality matrix). A table shorter than ``KEEP_TOGETHER_MM`` is
        kept on one page together with ``keep_with_next`` mm of what follows it.
        """
        table_width = width or self.epw
        widths = [c.width * table_width for c in columns]
        lh = size * LINE_FACTOR
        x0 = self.l_margin

        def layout(values, bold_flags):
            cells = [self.wrap(str(v), w - 2 * PAD_X, b, size) for v, w, b in zip(values, widths, bold_flags)]
            return cells, max(len(c) for c in cells) * lh + 2 * PAD_Y

        head_cells, head_h = layout([c.heading for c in columns], [True] * len(columns)) if headings else (None, 0)

        def draw_row(cells, h, bold_flags, row_fills):
            y = self.get_y()
            x = x0
            for j, (lines, w, col) in enumerate(zip(cells, widths, columns)):
                if row_fills[j] is not None:
                    self.set_fill_color(*row_fills[j])
                    self.rect(x, y, w, h, style="F")
                if borders == "ALL":
                    self.set_draw_color(*RULE)
                    self.rect(x, y, w, h)
                ty = y + (h - len(lines) * lh) / 2
                for k, line in enumerate(lines):
                    self.draw_line(line, x + PAD_X, ty + k * lh, w - 2 * PAD_X, lh, col.align, bold_flags[j], size)
                x += w
            self.set_xy(x0, y + h)

        def rule(y, strong):
            if borders != "HORIZONTAL_LINES":
                return
            self.set_draw_color(*((90, 90, 90) if strong else (215, 215, 215)))
            self.set_line_width(0.3 if strong else 0.15)
            self.line(x0, y, x0 + table_width, y)
            self.set_line_width(0.2)

        def draw_heading():
            rule(self.get_y(), True)
            draw_row(head_cells, head_h, [True] * len(columns), [HEAD_FILL] * len(columns))
            rule(self.get_y(), True)

        laid_out = []
        for i, values in enumerate(rows):
            bold_flags = [i in bold_rows or (bold_first_col and j == 0) for j in range(len(columns))]
            laid_out.append((bold_flags, *layout(values, bold_flags)))
        total_h = head_h + sum(h for _, _, h in laid_out)
        # a short table (and the line after it) stays on one page; a long one at least starts with two rows
        if total_h <= KEEP_TOGETHER_MM:
            self._room(total_h + keep_with_next)
        else:
            self._room(head_h + sum(h for _, _, h in laid_out[:2]))
        if headings:
            draw_heading()
        for i, (bold_flags, cells, h) in enumerate(laid_out):
            if self.get_y() + h > self.page_break_trigger:
                self.add_page()
                if headings:
                    draw_heading()
            row_fill = fills[i] if fills and i < len(fills) else None
            draw_row(cells, h, bold_flags, [(cell_fills or {}).get((i, j), row_fill) for j in range(len(columns))])
            rule(self.get_y(), i == len(rows) - 1)
        self.set_draw_color(0, 0, 0)
        self.set_xy(x0, self.get_y() + 1.5)

    def output_bytes(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output(output_producer_class=TextLayerProducer))
