"""The A4 report document: fonts, Thai shaping and line breaking, header/footer, headings and tables (fpdf2).

Thai needs three things to read correctly in a PDF: a Thai font (Noto Sans Thai), OpenType shaping so that
vowels and tone marks sit in the right place (fpdf2 ``set_text_shaping(True)``, HarfBuzz via uharfbuzz), and
line breaks only between words (U+200B between Thai words, see ``reports.thai_text``). Noto Sans Thai has no
Latin letters or digits, so Noto Sans is registered as the fallback font for them.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from reports.labels import label
from reports.thai_text import break_thai

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
ORANGE = (230, 159, 0)
GREEN = (0, 158, 115)
VERMILION = (213, 94, 0)
GREY_TEXT = (90, 90, 90)
HEAD_FILL = (222, 235, 247)
SUBTOTAL_FILL = (242, 242, 242)
DEMO_FILL = (255, 236, 179)
DEMO_TEXT = (120, 60, 0)

BODY_SIZE = 10
SMALL_SIZE = 8


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
        self.set_fallback_fonts([LATIN_FAMILY, THAI_FAMILY], exact_match=False)
        self.set_text_shaping(True)
        self.set_font(THAI_FAMILY, "", BODY_SIZE)
        self.set_title(title)
        self.set_creator("LCRS dashboard")
        self.set_lang("th" if lang == "th" else "en")
        self.alias_nb_pages("{nb}")

    # --- page furniture ---------------------------------------------------------------------------------

    def header(self):
        if not self.is_demo:
            return
        self.set_xy(self.l_margin, 6)
        self.set_fill_color(*DEMO_FILL)
        self.set_text_color(*DEMO_TEXT)
        self.set_font(THAI_FAMILY, "B", SMALL_SIZE)
        self.cell(self.epw, 6, break_thai(label("demo.label", self.lang)), align="C", fill=True)
        self.set_text_color(0, 0, 0)
        self.set_font(THAI_FAMILY, "", BODY_SIZE)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        self.set_y(-13)
        self.set_font(THAI_FAMILY, "", SMALL_SIZE)
        self.set_text_color(*GREY_TEXT)
        self.cell(self.epw * 0.75, 5, self.footer_text, align="L")
        self.cell(self.epw * 0.25, 5, label("page", self.lang, page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # --- text -------------------------------------------------------------------------------------------

    def heading(self, text: str, size: float = 13, color=BLUE, space_before: float = 3):
        """A section heading, moved to a new page when fewer than ~40 mm remain below it."""
        if self.get_y() > self.h - self.b_margin - 40:
            self.add_page()
        else:
            self.ln(space_before)
        self.set_font(THAI_FAMILY, "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.55, break_thai(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(THAI_FAMILY, "", BODY_SIZE)
        self.ln(1)

    def paragraph(self, text: str, size: float = BODY_SIZE, color=(0, 0, 0), bold: bool = False, h: float | None = None):
        """Wrapped, left-aligned text (Thai broken between words)."""
        self.set_font(THAI_FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, h or size * 0.5, break_thai(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(THAI_FAMILY, "", BODY_SIZE)

    def key_values(self, pairs: Sequence[tuple[str, str]], key_width: float = 0.45, size: float = BODY_SIZE):
        """A two-column borderless list of label / value pairs."""
        cols = [Column("", key_width), Column("", 1 - key_width)]
        self.table_rows(cols, [[k, v] for k, v in pairs], size=size, headings=False, borders="NONE",
                        bold_first_col=True)

    def image_bytes(self, png: bytes, w: float, h: float | None = None):
        """Place a PNG (bytes) at the current position, full width ``w`` mm, centred."""
        x = self.l_margin + (self.epw - w) / 2
        self.image(io.BytesIO(png), x=x, w=w, h=h or 0)

    # --- tables -----------------------------------------------------------------------------------------

    def table_rows(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = 9,
                   headings: bool = True, borders: str = "HORIZONTAL_LINES", fills: Sequence | None = None,
                   bold_rows: Sequence[int] = (), bold_first_col: bool = False, width: float | None = None,
                   cell_fills: dict | None = None, line_height: float | None = None):
        """Draw a table: ``rows`` of already formatted strings; headings repeat after a page break.

        ``fills[i]`` colours row i (None for none); ``bold_rows`` are subtotal rows; ``cell_fills`` maps
        (row, col) -> RGB for shaded cells (e.g. the Whole-Municipality matrix).
        """
        self.set_font(THAI_FAMILY, "", size)
        table_width = width or self.epw
        widths = [c.width * table_width for c in columns]
        head_style = FontFace(emphasis="BOLD", fill_color=HEAD_FILL, size_pt=size)
        bold = FontFace(emphasis="BOLD", size_pt=size)
        lh = line_height or size * 0.48
        with self.table(col_widths=widths, width=table_width, align="LEFT", text_align=[c.align for c in columns],
                        borders_layout=borders, headings_style=head_style, first_row_as_headings=headings,
                        line_height=lh, padding=(0.8, 1.2), v_align="MIDDLE",
                        cell_fill_mode=TableCellFillMode.NONE) as table:
            if headings:
                head = table.row()
                for c in columns:
                    head.cell(break_thai(c.heading), align=c.align if c.align != "R" else "R")
            for i, values in enumerate(rows):
                row_fill = fills[i] if fills and i < len(fills) else None
                row = table.row()
                for j, (value, col) in enumerate(zip(values, columns)):
                    style = None
                    fill = (cell_fills or {}).get((i, j), row_fill)
                    emphasis = "BOLD" if (i in bold_rows or (bold_first_col and j == 0)) else None
                    if fill is not None or emphasis:
                        style = FontFace(emphasis=emphasis, fill_color=fill, size_pt=size)
                    row.cell(break_thai(str(value)), align=col.align, style=style)
        self.set_font(THAI_FAMILY, "", BODY_SIZE)
        self.ln(1.5)

    def output_bytes(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output())
