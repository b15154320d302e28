"""Reports for the council and for TGO: the municipality report and the network report, as PDF or Excel.

Public API (each returns the file as bytes; ``con`` is a DuckDB connection or cursor)::

    build_municipality_pdf(con, code, year, lang="th")
    build_municipality_xlsx(con, code, year, lang="th")
    build_network_pdf(con, year, lang="th")
    build_network_xlsx(con, year, lang="th")

An unknown municipality code raises ``data.figures.inventories.UnknownMunicipality`` (a ``DatabaseError`` with Thai and
English messages).
"""
from __future__ import annotations

from reports.content import collect_municipality, collect_network

LANGS = ("th", "en")


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang


def build_municipality_pdf(con, code: str, year: int, lang: str = "th", gwp_set: str = "AR5",
                           approval: bool = False) -> bytes:
    """The municipality-year report as an A4 PDF (Thai by default); ``approval`` adds the sign-off block."""
    from reports.pdf import municipality_pdf

    return municipality_pdf(collect_municipality(con, code, int(year), gwp_set), _lang(lang), approval)


def build_municipality_xlsx(con, code: str, year: int, lang: str = "th", gwp_set: str = "AR5") -> bytes:
    """The municipality-year report as an Excel workbook (.xlsx)."""
    from reports.xlsx import municipality_xlsx

    return municipality_xlsx(collect_municipality(con, code, int(year), gwp_set), _lang(lang))


def public_link(code: str, year: int, lang: str = "th", base_url: str | None = None) -> str:
    """The profile link of a municipality-year: ``{base}/profile?m=CODE&year=YEAR&lang=LANG`` with ``base`` from
    ``base_url``, else $LCRS_PUBLIC_URL, else http://localhost:8501."""
    import os
    from urllib.parse import urlencode

    base = (base_url or os.environ.get("LCRS_PUBLIC_URL", "") or "http://localhost:8501").strip().rstrip("/")
    return f"{base}/profile?{urlencode({'m': code, 'year': int(year), 'lang': lang})}"


def build_card(con, code: str, year: int, lang: str = "th", base_url: str | None = None) -> bytes:
    """The 1200×630 share card (PNG) of a municipality-year; raises ``UnknownMunicipality`` for a bad code."""
    from data.figures import summary
    from data.queries import lookups
    from data.store import dataset
    from reports.card import card_png

    s = summary.municipality_summary(con, code, int(year))
    muni = lookups.municipality(con, code) or {}
    info = dataset.dataset_info(con)
    lang = _lang(lang)
    suffix = "_th" if lang == "th" else "_en"
    name = muni.get("name" + suffix) or code
    place = " · ".join(str(x) for x in (muni.get("province" + suffix), muni.get("region" + suffix)) if x)
    return card_png(name, place, int(year), s, lang, bool(info.get("is_demo")), public_link(code, year, lang, base_url))


def build_network_pdf(con, year: int, lang: str = "th", gwp_set: str = "AR5", approval: bool = False) -> bytes:
    """The network report (every pilot and replicating city: summary table, then one page each) as a PDF;
    ``approval`` adds the sign-off block."""
    from reports.pdf import network_pdf

    return network_pdf(collect_network(con, int(year), gwp_set), _lang(lang), approval)


def build_network_xlsx(con, year: int, lang: str = "th", gwp_set: str = "AR5") -> bytes:
    """The network report as an Excel workbook (.xlsx)."""
    from reports.xlsx import network_xlsx

    return network_xlsx(collect_network(con, int(year), gwp_set), _lang(lang))
