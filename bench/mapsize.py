"""Size of the national map's deck.gl payload: the bytes of the deck JSON that the map page sends to the
browser (every ``st.pydeck_chart`` on the page in its default state, read from the AppTest element)."""
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


def measure(db_path: Path) -> dict:
    """Render the map page once and weigh its deck JSON."""
    if not (ROOT / MAP_PAGE).exists():
        raise Missing(f"{MAP_PAGE} is not written yet")
    quiet_streamlit()
    with env(LCRS_DB=str(db_path)):
        try:
            at = open_page(MAP_PAGE)
            at.run()
            err = page_error(at)
            if err:
                raise RuntimeError(err)
            return {"value": deck_payload_bytes(at), "charts": len(at.get("deck_gl_json_chart"))}
        finally:
            clear_caches()


def run(ctx: Context, db_path: Path):
    """Yield ``map.deck_json_bytes`` (the payload is deterministic: one run is enough)."""
    yield measured("map.deck_json_bytes", "bytes", TARGET_BYTES, ctx.scale, lambda: measure(db_path))
