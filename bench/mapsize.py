"""Size of the national map's payload: the bytes of the map chart that the map page sends to the browser, read
from the AppTest element, in the page's default state (``map.deck_json_bytes``: the point map, an ECharts option
with its Arrow tables; the figure keeps its name from when the default was a deck.gl chart) and with the 3-D
columns (``map.columns_deck_json_bytes``: the deck.gl JSON)."""
from __future__ import annotations

from pathlib import Path

from bench.common import ROOT, Context, Missing, env, measured
from bench.pages import clear_caches, open_page, page_error, quiet_streamlit

MAP_PAGE = "pages/map.py"
TARGET_BYTES = 1_000_000  # issue 16: national map payload <= 1 MB


def deck_payload_bytes(at) -> int:
    """Bytes (UTF-8) of the deck JSON of every pydeck chart in a finished AppTest run."""
    charts = at.get("deck_gl_json_chart")
    if not charts:
        raise RuntimeError("the map page drew no pydeck chart")
    return sum(len(c.proto.json.encode("utf-8")) for c in charts)


def echarts_payload_bytes(at) -> int:
    """Bytes of every ECharts chart in a finished AppTest run: its serialised element (option JSON and Arrow
    datasets)."""
    charts = at.get("echarts_chart")
    if not charts:
        raise RuntimeError("the map page drew no ECharts chart")
    return sum(c.proto.ByteSize() for c in charts)


def measure(db_path: Path, kind: str | None = None) -> dict:
    """Render the map page once (``kind`` in its address when given) and weigh its map."""
    if not (ROOT / MAP_PAGE).exists():
        raise Missing(f"{MAP_PAGE} is not written yet")
    quiet_streamlit()
    with env(LCRS_DB=str(db_path)):
        try:
            at = open_page(MAP_PAGE)
            if kind:
                at.query_params["kind"] = kind
            at.run()
            err = page_error(at)
            if err:
                raise RuntimeError(err)
            if kind == "column":
                return {"value": deck_payload_bytes(at), "charts": len(at.get("deck_gl_json_chart"))}
            return {"value": echarts_payload_bytes(at), "charts": len(at.get("echarts_chart"))}
        finally:
            clear_caches()


def run(ctx: Context, db_path: Path):
    """Yield ``map.deck_json_bytes`` and ``map.columns_deck_json_bytes`` (deterministic: one run each)."""
    yield measured("map.deck_json_bytes", "bytes", TARGET_BYTES, ctx.scale, lambda: measure(db_path))
    yield measured("map.columns_deck_json_bytes", "bytes", TARGET_BYTES, ctx.scale,
                   lambda: measure(db_path, "column"))
