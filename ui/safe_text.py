"""One place that makes imported text (names, titles, notes) inert for every renderer.

Each renderer interprets something different, so each gets its own escape, all here:
* ECharts (``ui.charts``) draws titles, axes, legends and labels on a canvas as plain text, and escapes the
  names and values it fills into its HTML tooltip; only a ``formatter`` template is read as HTML or expands
  placeholders, so imported text never goes into one (``echarts_templates`` lists them for the tests);
* deck.gl map tooltips are set as ``innerHTML``, but Streamlit fills the ``{field}`` placeholders of an html
  tooltip with HTML-escaped values (``& < > " '``, in its DeckGlJsonChart frontend; a test checks that the
  installed version still does): names therefore travel raw, as data fields, never inside the template, and
  ``tooltip_text`` is only for text the code puts into a template itself;
* Streamlit markdown turns backslash-escaped markup into text but still links bare URLs, ``www.`` and
  e-mail addresses (GFM autolinks): ``markdown_text`` escapes the markup and puts a zero-width joiner inside
  every such pattern, which shows nothing but breaks the link.
No Streamlit here.
"""
from __future__ import annotations

import html
import re

_ZWJ = "\u2060"   # WORD JOINER: invisible, not a URL or e-mail character
_AUTOLINK = re.compile(r"(?i)(://|www\.|@|mailto:|xmpp:)")
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def tooltip_text(text) -> str:
    """Text the code itself writes into a deck.gl html tooltip template: fully HTML-escaped."""
    return "" if text is None else html.escape(str(text), quote=True)


def markdown_text(text) -> str:
    """Text for ``st.markdown``/``st.subheader``/``st.caption``: no markup, no HTML, no live links."""
    s = "" if text is None else str(text)
    s = _AUTOLINK.sub(lambda m: m.group(0)[0] + _ZWJ + m.group(0)[1:], s)
    s = html.escape(s, quote=False)
    for ch in _MD_SPECIAL:
        s = s.replace(ch, "\\" + ch)
    return s


_TEMPLATE_KEYS = ("formatter", "valueFormatter")


def echarts_templates(option) -> list[str]:
    """Every ``formatter``/``valueFormatter`` string in an ECharts option (at any depth): the only strings
    ECharts reads as a template (HTML in a tooltip, ``{b}`` placeholders in a label). Builders put no imported
    text there; tests check it with this list."""
    out: list[str] = []
    if isinstance(option, dict):
        for key, value in option.items():
            if key in _TEMPLATE_KEYS and isinstance(value, str):
                out.append(value)
            else:
                out.extend(echarts_templates(value))
    elif isinstance(option, (list, tuple)):
        for value in option:
            out.extend(echarts_templates(value))
    return out
