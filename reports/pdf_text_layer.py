"""A clean text layer for shaped Thai in fpdf2 PDFs: copying, searching and extracting give back the source text.

Why this exists: HarfBuzz's Thai shaper decomposes SARA AM (U+0E33) into two glyphs, NIKHAHIT (U+0E4D) and
SARA AA (U+0E32), and moves the nikhahit before a tone mark (``hb-ot-shaper-thai.cc``), merging the clusters.
fpdf2 2.8 gives all the characters of a cluster to the cluster's *first* glyph and an empty text to the others,
and then leaves glyphs with empty text out of the font's ToUnicode CMap (``fpdf/output.py``). A PDF reader has
no text for the sara-aa glyph and falls back to its raw code, so "การดำเนินงาน" is extracted as
"การดำ\\x0fเนินงาน" (pypdf) or "การดำ เนินงาน" (pdftotext, which places the text of the zero-width nikhahit
and then sees a gap the width of sara aa).

The fix, in two parts:

1. :class:`ClusterTextFont` hands out the characters of a multi-glyph cluster glyph by glyph: a glyph whose
   own character (the font's cmap, reversed) is in the cluster takes it; the characters left over (ำ, or the
   letters of a ligature) go to the last glyph that has an advance width (sara aa), so the text sits where the
   reader sees the glyph's width. Remaining glyphs (the nikhahit) carry an empty text.
2. :class:`TextLayerProducer` writes an explicit empty mapping (``<code> <>``) for each of those glyphs into the
   ToUnicode CMap, so a reader extracts nothing for them instead of a control character.
"""
from __future__ import annotations

from fpdf.fonts import TTFFont
from fpdf.output import OutputProducer


def distribute_cluster(chars: list[int], glyph_chars: list[int | None], advances: list[int]) -> list[tuple]:
    """The text (code points) each glyph of one shaping cluster stands for, in glyph order.

    ``chars``: the cluster's code points in text order; ``glyph_chars``: each glyph's own code point from the
    font's cmap (None for a glyph no character maps to, e.g. a ligature); ``advances``: each glyph's advance.
    Every character is given to exactly one glyph, so joining the results gives back ``chars`` as a multiset
    (and in order for the Thai cases: consonant, tone mark, then ำ).
    """
    remaining = list(chars)
    out: list[list[int]] = [[] for _ in glyph_chars]
    for i, cp in enumerate(glyph_chars):
        if cp is not None and cp in remaining:
            remaining.remove(cp)
            out[i].append(cp)
    if remaining:
        free = [i for i in range(len(glyph_chars)) if not out[i]]
        with_width = [i for i in free if advances[i] > 0]
        target = (with_width or free or [len(glyph_chars) - 1])[-1]
        # keep text order: the leftover characters follow what the target already has
        out[target].extend(remaining)
        order = {cp: k for k, cp in enumerate(chars)}
        out[target].sort(key=lambda cp: order.get(cp, 0))
    return [tuple(o) for o in out]


class ClusterTextFont(TTFFont):
    """A TrueType font whose shaped glyphs carry the text described in the module docstring."""

    __slots__ = ()

    def _glyph_codepoints(self) -> dict[str, int]:
        """Glyph name -> its lowest code point (cached per font name: the same font file, the same cmap)."""
        reverse = _REVERSE.get(self.name)
        if reverse is None:
            reverse = {}
            for cp, name in sorted(self.cmap.items(), reverse=True):
                reverse[name] = cp
            _REVERSE[self.name] = reverse
        return reverse

    def shape_text(self, text, font_size_pt, text_shaping_params):
        """As ``TTFFont.shape_text``, with every character of a cluster given to the glyph that shows it."""
        if len(text) == 0:
            return []
        glyph_infos, glyph_positions = self.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
        reverse = self._glyph_codepoints()
        names = [self.ttfont.getGlyphName(gi.codepoint) for gi in glyph_infos]
        clusters = [int(gi.cluster) for gi in glyph_infos]
        # the text of each cluster: from its start to the next larger cluster start (clusters are monotone
        # per run; sorting keeps this right for the left-to-right text the reports draw)
        starts = sorted(set(clusters))
        span = {s: (s, starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)}
        if starts and starts[0] > 0:
            span[starts[0]] = (0, span[starts[0]][1])
        by_cluster: dict[int, list[int]] = {}
        for idx, cl in enumerate(clusters):
            by_cluster.setdefault(cl, []).append(idx)
        texts: list[tuple] = [()] * len(glyph_infos)
        for cl, idxs in by_cluster.items():
            a, b = span[cl]
            chars = [ord(c) for c in text[a:b]]
            parts = distribute_cluster(chars, [reverse.get(names[i]) for i in idxs],
                                       [glyph_positions[i].x_advance for i in idxs])
            for i, part in zip(idxs, parts):
                texts[i] = part
        text_info = []
        for seq, gi in enumerate(glyph_infos):
            gname = names[seq]
            gwidth = round(self.scale * self.ttfont["hmtx"].metrics[gname][0])
            glyph = self.subset.get_glyph(glyph=gi.codepoint, unicode=texts[seq], glyph_name=gname,
                                          glyph_width=gwidth)
            if glyph is None:
                continue
            pos = glyph_positions[seq]
            text_info.append({
                "mapped_char": self.subset.pick_glyph(glyph),
                "x_advance": pos.x_advance,
                "y_advance": pos.y_advance,
                "x_offset": pos.x_offset,
                "y_offset": pos.y_offset,
                "force_positioning": (gwidth != pos.x_advance or pos.x_offset != 0 or pos.y_offset != 0
                                      or pos.y_advance != 0),
            })
        return text_info


_REVERSE: dict[str, dict[str, int]] = {}


def use_cluster_text(pdf) -> None:
    """Switch every TrueType font already added to ``pdf`` to :class:`ClusterTextFont`."""
    for font in pdf.fonts.values():
        if type(font) is TTFFont:
            font.__class__ = ClusterTextFont


class TextLayerProducer(OutputProducer):
    """fpdf2's output producer, plus an empty ToUnicode mapping for each glyph that stands for no text."""

    def _add_fonts(self, *args, **kwargs):
        objs = super()._add_fonts(*args, **kwargs)
        for font in self.fpdf.fonts.values():
            if not isinstance(font, TTFFont):
                continue
            to_unicode = getattr(objs.get(font.i), "to_unicode", None)
            if to_unicode is None or to_unicode.filter is not None:
                continue
            empty = [f"<{code:04X}> <>\n" for glyph, code in font.subset.items()
                     if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode]
            if not empty:
                continue
            blocks = "".join(f"{len(empty[i:i + 100])} beginbfchar\n{''.join(empty[i:i + 100])}endbfchar\n"
                             for i in range(0, len(empty), 100)).encode("latin-1")
            contents = to_unicode._contents
            cut = contents.rindex(b"endcmap")
            to_unicode._contents = contents[:cut] + blocks + contents[cut:]
            to_unicode.length = len(to_unicode._contents)
        return objs
