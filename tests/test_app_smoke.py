"""The app renders in both languages without exception (AppTest)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = ROOT / "app.py"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_app_renders_overview(app_env, lang):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert ("อปท. ที่มี CFO" if lang == "th" else "LAOs with a CFO") in labels
    with_cfo = next(m for m in at.metric if m.label == ("อปท. ที่มี CFO" if lang == "th" else "LAOs with a CFO"))
    assert with_cfo.value == "60 / 60"     # demo set: 60 LAOs, each with a CFO in the latest year
    assert [s.label for s in at.sidebar.segmented_control] == ["ภาษา" if lang == "th" else "Language"]
    badge = " ".join(w.value for w in at.warning)
    assert ("ข้อมูลสาธิต" if lang == "th" else "Synthetic demo data") in badge
