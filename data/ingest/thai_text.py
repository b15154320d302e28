"""Thai text as typed in spreadsheets, made canonical before it is checked: a value that looks right is
accepted.

Three things that look right on screen but differ in the bytes (common when text is copied from PDFs or typed
on older keyboards): sara am written as nikhahit + sara aa (``ํ`` U+0E4D then ``า`` U+0E32, sometimes with a tone
mark between them) instead of ``ำ`` U+0E33; zero-width characters (U+200B–U+200D, U+2060, U+FEFF); and sara e
typed twice (``เเ``) for sara ae ``แ`` U+0E41. Unicode NFC does not join any of them, so this module does.
"""
from __future__ import annotations

import re

import pandas as pd

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SUSPECT = re.compile(f"[{_ZERO_WIDTH}\u0e4d]|\u0e40\u0e40")
# nikhahit, an optional tone mark (mai ek … mai chattawa), sara aa -> tone mark + sara am
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_ZW = re.compile(f"[{_ZERO_WIDTH}]")


def normalise(text: str) -> str:
    """``text`` with decomposed sara am joined, zero-width characters removed and ``เเ`` made ``แ``."""
    if not _SUSPECT.search(text):
        return text
    text = _ZW.sub("", text)
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    return text.replace("\u0e40\u0e40", "\u0e41")


def normalise_grid(grid: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a sheet read as a grid, normalised (only the cells that need it are touched, so a
    large clean file costs one vectorised ASCII test per column)."""
    out = grid
    for col in grid.columns:
        values = grid[col]
        if values.dtype != object and not pd.api.types.is_string_dtype(values):
            continue
        if values.dtype == object:     # mixed cells (a workbook read in process): only the text ones
            texts = values.where(values.map(type) == str)
        else:                          # pandas' string dtype: every cell is text, scanned without Python
            texts = values
        # every character normalised here lies outside ASCII: the pattern is looked for only in cells with one
        maybe = ~texts.str.isascii().fillna(True).astype(bool)
        if not maybe.any():
            continue
        hit = texts[maybe].str.contains(_SUSPECT.pattern, regex=True, na=False).reindex(texts.index,
                                                                                        fill_value=False)
        if hit.any():
            if out is grid:
                out = grid.copy()
            out.loc[hit, col] = texts[hit].map(normalise)
    return out
