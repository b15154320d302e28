"""One place that makes imported text (names, titles, notes) inert for every renderer.

Each renderer interprets something different, so each gets its own escape, all here:
* Plotly draws a subset of HTML in titles, legends, axis and hover text (``<a href>``, ``<span style>``,
  ``<br>``, entities): ``plotly_text`` escapes ``& < >`` so the text is drawn as typed;
* deck.gl map tooltips are set as ``innerHTML``, but Streamlit fills the ``{field}`` placeholders of an html
  tooltip with HTML-escaped values (``& < > " '``, in its DeckGlJsonChart frontend; a test checks that the
  installed version still does): names therefore travel raw, as data fields, never inside the template, and
  ``tooltip_text`` is only for text the code puts into a template itself;
* Streamlit markdown turns backslash-escaped markup into text but still links bare URLs, ``www.`` and
  e-mail addresses (GFM autolinks): ``markdown_text`` escapes the markup and puts a zero-width joiner inside
  every such pattern, which shows nothing but breaks the link.
``safe_figure`` applies ``plotly_text`` to every text property of a finished figure. No Streamlit here.
"""
from __future__ import annotations

import html
import re

_ZWJ = "\u2060"   # WORD JOINER: invisible, not a URL or e-mail character
_AUTOLINK = re.compile(r"(?i)(://|www\.|@|mailto:|xmpp:)")
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def plotly_text(text) -> str:
    """Text for a Plotly title, legend entry, axis, tick or hover label: drawn as typed, never as markup."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


_TRACE_TEXT = ("name", "text", "hovertext", "labels", "legendgrouptitle", "ids", "parents")
_LAYOUT_TEXT_PATHS = ("title", "legend.title")


def _esc_value(v):
    # only strings at the top level: a heatmap's 2-D cell text is built by the code (numbers and <sub>)
    if isinstance(v, str):
        return plotly_text(v)
    if isinstance(v, (list, tuple)):
        return [plotly_text(x) if isinstance(x, str) else x for x in v]
    try:
        import numpy as np

        if isinstance(v, np.ndarray) and v.dtype == object:
            return np.array([plotly_text(x) if isinstance(x, str) else x for x in v], dtype=object)
    except ImportError:  # numpy is always there with plotly; kept for clarity
        pass
    return v


def safe_figure(fig):
    """Escape every text a Plotly figure draws from data: trace names, labels, text, category axes (x, y),
    titles, axis titles, annotations and legend titles. Templates (``hovertemplate``) are the code's own.
    Returns the same figure."""
    for trace in fig.data:
        for prop in _TRACE_TEXT:
            if prop in trace and trace[prop] is not None and prop != "legendgrouptitle":
                trace[prop] = _esc_value(trace[prop])
        for axis in ("x", "y"):
            if axis in trace and trace[axis] is not None:
                values = trace[axis]
                if any(isinstance(x, str) for x in (values if not isinstance(values, str) else [values])):
                    trace[axis] = _esc_value(values)
    lay = fig.layout
    if lay.title and lay.title.text:
        lay.title.text = plotly_text(lay.title.text)
    if lay.legend and lay.legend.title and lay.legend.title.text:
        lay.legend.title.text = plotly_text(lay.legend.title.text)
    for name in dir(lay):
        if name.startswith(("xaxis", "yaxis")):
            ax = getattr(lay, name, None)
            if ax is not None and getattr(ax, "title", None) is not None and ax.title.text:
                ax.title.text = plotly_text(ax.title.text)
            if ax is not None and getattr(ax, "ticktext", None) is not None:
                ax.ticktext = _esc_value(list(ax.ticktext))
    for ann in lay.annotations or ():
        if ann.text:
            ann.text = plotly_text(ann.text)
    return fig
