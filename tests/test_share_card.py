"""The share card: a 1200×630 PNG per municipality-year, with the demo badge when synthetic (Pillow + Raqm)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import reports
from reports import card

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2024


@pytest.fixture(scope="module")
def con(demo_db_path):
    from data.store import db

    c = db.connect(demo_db_path, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def pilot(con):
    from data.queries import lookups as queries

    m = queries.municipalities(con)
    return m.loc[m["role"] == "pilot", "code"].sort_values().iloc[0]


def test_runs_split_thai_from_latin():
    # Noto Sans Thai has no Latin letters, digits or full stop: those go to Noto Sans
    assert card.runs("ปีฐาน พ.ศ. 2559") == [("ปีฐาน พ", True), (".", False), ("ศ", True), (". 2559", False)]
    assert card.runs("LCRS index: 81") == [("LCRS index: 81", False)]


def test_card_is_1200_by_630_with_demo_badge(con, pilot):
    png = reports.build_card(con, pilot, YEAR, "th")
    im = Image.open(io.BytesIO(png)).convert("RGB")
    assert im.size == (1200, 630)
    # the demo badge's fill sits behind the first words at the top left
    assert im.getpixel((52, 40)) == card.BADGE_BG


def test_card_without_demo_has_no_badge():
    summary = {"reduction_pct": 12.3, "base_year": 2018, "award_eligible": True,
               "wma": {"low_carbon": {"1": 50.0, "2": None, "3": 10.0, "4": 90.0}, "bike_walk": {}, "resilience": {},
                       "overall": None}}
    png = card.card_png("เทศบาลตำบลทดลอง", "เชียงใหม่ · ภาคเหนือ", 2024, summary, "th", False,
                        "https://example.org/profile?m=1&year=2024&lang=th")
    im = Image.open(io.BytesIO(png)).convert("RGB")
    assert im.size == (1200, 630) and im.getpixel((52, 40)) == card.BG


def test_link_uses_public_address(monkeypatch):
    monkeypatch.setenv("LCRS_PUBLIC_URL", "https://lcrs.example.go.th/")
    assert reports.public_link("1401101", 2024, "en") == \
        "https://lcrs.example.go.th/profile?m=1401101&year=2024&lang=en"
    assert reports.public_link("1", 2024, "th", base_url="http://x") == "http://x/profile?m=1&year=2024&lang=th"


def test_card_command(demo_db_path, pilot, tmp_path):
    out = tmp_path / "card.png"
    done = subprocess.run([sys.executable, "-m", "data", "card", "--municipality", pilot, "--year", "2567",
                           str(out), "--db", str(demo_db_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert Image.open(out).size == (1200, 630)
    bad = subprocess.run([sys.executable, "-m", "data", "card", "--municipality", "0000000", "--year", "2024",
                          str(tmp_path / "x.png"), "--db", str(demo_db_path)], cwd=ROOT, capture_output=True,
                         text=True)
    assert bad.returncode == 2 and "ข้อผิดพลาด" in bad.stderr and not (tmp_path / "x.png").exists()
