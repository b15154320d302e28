"""Reports for the council and for TGO: the municipality report and the network report, as PDF or Excel.

Public API (each returns the file as bytes; ``con`` is a DuckDB connection or cursor)::

    build_municipality_pdf(con, code, year, lang="th")
    build_municipality_xlsx(con, code, year, lang="th")
    build_network_pdf(con, year, lang="th")
    build_network_xlsx(con, year, lang="th")

An unknown municipality code raises ``data.summary.UnknownMunicipality`` (a ``DatabaseError`` with Thai and
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


def build_network_pdf(con, year: int, lang: str = "th", gwp_set: str = "AR5", approval: bool = False) -> bytes:
    """The network report (every pilot and replicating city: summary table, then one page each) as a PDF;
    ``approval`` adds the sign-off block."""
    from reports.pdf import network_pdf

    return network_pdf(collect_network(con, int(year), gwp_set), _lang(lang), approval)


def build_network_xlsx(con, year: int, lang: str = "th", gwp_set: str = "AR5") -> bytes:
    """The network report as an Excel workbook (.xlsx)."""
    from reports.xlsx import network_xlsx

    return network_xlsx(collect_network(con, int(year), gwp_set), _lang(lang))
