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
    assert ("เมืองต้นแบบ" if lang == "th" else "Pilot city") in labels
    pilots = next(m for m in at.metric if m.label == ("เมืองต้นแบบ" if lang == "th" else "Pilot city"))
    assert pilots.value == "16"           # demo plan: 16 pilot cities
    badge = " ".join(w.value for w in at.warning)
    assert ("ข้อมูลสาธิต" if lang == "th" else "Synthetic demo data") in badge
