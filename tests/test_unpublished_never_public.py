"""The public sees no unpublished figure: on any page (Thai and English), the kiosk, the reports (PDF and Excel,
municipality and network) and the summary; a signed-in editor who switches on "include my unpublished data"
does see it, marked as such (so these searches can fail), and never on the kiosk.

The pending batch adds 987,654,321 kWh of grid electricity to 9000002 in 2023: 987,654,321 x 0.4999 kg =
493,728,395.07 kg = 493,728.395 tCO2e, so its CFO total would become 493,728.395 + 5.225 (gasoline) =
493,733.620 t and the network's 2023 CFO total about 493.9 thousand t. No published figure of the sample data
comes near 490,000-499,999, so any number of that size on a public page is the unpublished one.
"""
from __future__ import annotations

import io
import os
import re

import pytest

from data.write import accounts
from data.queries import accounts as account_rows
from data.write import review
from data.store import db
from data.figures import summary
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd

PW = "A-long-enough-passphrase"
HUGE = ["9000002", "2023", "CFO", "electricity_kwh", "987654321", "kWh", "", "", "H", "", ""]
# 493,733.6 / 493733 / 493 733 / 493.9 thousand as 493,9xx ... and the amount itself
MARKER = re.compile(r"49[34][,\s\u00a0]?\d{3}|987[,\s\u00a0]?654[,\s\u00a0]?321")
PAGES = [*ah.READ_PAGES, "data_admin", "review"]


@pytest.fixture(scope="module")
def pending_db(tmp_path_factory):
    path = sd.new_real_database(tmp_path_factory.mktemp("pending") / "pending.duckdb",
                                kinds=("activities", "actions"))
    con = db.connect(path)
    try:
        accounts.add_account(con, "officer2", "editor", ["9000002"], PW, "tests")
        accounts.add_account(con, "mentor1", "mentor", ["9000001"], PW, "tests")
        accounts.add_account(con, "admin", "admin", [], PW, "tests")
        r = review.submit_file(con, sd.csv_bytes(sd.ACTIVITY_HEADER, [HUGE]), "huge.csv", "activities",
                               account_rows.get_account(con, "officer2"))
        assert r.ok, r.problems
        # the batch's figure, as the mentor would see it (so the marker below matches something real)
        assert review.summary_including(con, "9000002", 2023)["cfo"]["total"] == 493733.62
        con.execute("CHECKPOINT")
    finally:
        con.close()
    old = os.environ.get("LCRS_DB")
    os.environ["LCRS_DB"] = str(path)
    ah.reset_app_caches()
    yield path
    ah.reset_app_caches()
    if old is None:
        os.environ.pop("LCRS_DB", None)
    else:
        os.environ["LCRS_DB"] = old


# widget ids and media URLs hold hex digests, which are not figures
_NOT_TEXT = re.compile(r'"\$\$ID-[^"]*"|url: "[^"]*"|[0-9a-f]{32,}')


def _hits(at) -> list[str]:
    texts = (_NOT_TEXT.sub("", text) for _, text in ah.element_texts(at))
    return [text[:160] for text in texts if MARKER.search(text)]


def _open(at, page: str):
    at.query_params["m"] = "9000002"
    at.query_params["year"] = "2023"
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, (page, [e.value for e in at.exception])
    return at


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_public_page_shows_the_unpublished_figure(pending_db, lang):
    at = ah.new_session(lang)
    at.run()
    for page in PAGES:
        _open(at, page)
        assert not _hits(at), (page, _hits(at))
    # the profile did show the published CFO total of 9000002 (5.225 t) instead
    _open(at, "profile")
    assert any("5.2" in text for _, text in ah.element_texts(at))


def _signed_in_with_unpublished(lang: str = "en"):
    at = ah.new_session(lang)
    at.run()
    at.switch_page("pages/review.py").run()
    at.text_input(key="review.name").input("officer2")
    at.text_input(key="review.password").input(PW)
    at.button(key="review.login").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.toggle(key="auth.include_unpublished").set_value(True).run()
    return at


def test_the_editors_own_view_includes_it_marked_and_the_kiosk_never(pending_db):
    at = _signed_in_with_unpublished()
    for page in ("profile", "overview"):
        _open(at, page)
        assert _hits(at), page                              # the search can find the figure
        assert any("include unpublished data" in w.value for w in at.warning), page
    _open(at, "showcase")
    assert not _hits(at)
    # leaving the kiosk, the switch still holds for the officer's own view
    _open(at, "profile")
    assert _hits(at)


def test_reports_and_summary_show_published_figures_only(pending_db):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from reports import build_municipality_pdf, build_municipality_xlsx, build_network_pdf, build_network_xlsx

    con = db.connect(pending_db)   # as the app opens it (one configuration per file in a process)
    try:
        assert summary.municipality_summary(con, "9000002", 2023)["cfo"]["total"] == 5.225
        outputs = {
            "municipality.xlsx": build_municipality_xlsx(con, "9000002", 2023, lang="en"),
            "network.xlsx": build_network_xlsx(con, 2023, lang="en"),
            "municipality.pdf": build_municipality_pdf(con, "9000002", 2023, lang="en"),
            "network.pdf": build_network_pdf(con, 2023, lang="en"),
        }
    finally:
        con.close()
    for name, data in outputs.items():
        if name.endswith(".xlsx"):
            wb = load_workbook(io.BytesIO(data), read_only=True)
            text = " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                            for v in row if v is not None)
        else:
            text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
        assert "5.2" in text or "5,225" in text, name            # the published figure is in it
        assert not MARKER.search(text.replace("493733.62", "")) and "493733" not in text, name
