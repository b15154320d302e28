"""The PDF text layer gives back the source text: every line a report draws is extracted unchanged by pypdf and
by poppler's pdftotext (reading order), and no extracted text has a control character.

Before the fix every ำ was followed by a control character (``การดำ\\x0fเนินงาน``): HarfBuzz decomposes sara am
into nikhahit + sara aa, and fpdf2 left the second glyph out of the ToUnicode map (reports/pdf_text_layer.py).
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess

import pypdf
import pytest

import reports
from reports import pdf_base
from reports.pdf_text_layer import distribute_cluster
from ui import fmt

YEAR = 2024
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def con(demo_db_path):
    from data.store import db

    c = db.connect(demo_db_path, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def pilot(con):
    from data.queries import lookups as queries

    munis = queries.municipalities(con)
    return munis.loc[munis["role"] == "pilot", "code"].sort_values().iloc[0]


def _build_recording(monkeypatch, build):
    """Build a report and return (pdf bytes, the lines it drew)."""
    drawn: list[str] = []
    original = pdf_base.ReportPDF.draw_line

    def record(self, text, *args, **kwargs):
        if text:
            drawn.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(pdf_base.ReportPDF, "draw_line", record)
    data = build()
    monkeypatch.undo()
    return data, drawn


def _pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _poppler_text(data: bytes, raw: bool) -> str:
    args = ["pdftotext", *(["-raw"] if raw else []), "-", "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode("utf-8")


def _check(data: bytes, drawn: list[str], lang: str) -> None:
    texts = {"pypdf": _pypdf_text(data)}
    if shutil.which("pdftotext"):
        texts["pdftotext -raw"] = _poppler_text(data, raw=True)
        texts["pdftotext"] = _poppler_text(data, raw=False)
    for name, text in texts.items():
        bad = CONTROL.findall(text.replace("\x0c", ""))  # \x0c: pdftotext's page break
        assert not bad, f"{name}: control characters {sorted(set(bad))!r} in the extracted text"
    lines = [ln for ln in drawn if "{nb}" not in ln]
    if lang == "th":
        assert any("ำ" in ln for ln in lines), "the Thai report should contain sara am to test"
    for name in ("pypdf", "pdftotext -raw"):
        if name not in texts:
            continue
        flat = re.sub(r"\s+", " ", texts[name])
        missing = [ln for ln in lines if re.sub(r"\s+", " ", ln).strip() not in flat]
        assert not missing, f"{name}: {len(missing)} of {len(lines)} lines not extracted as drawn, e.g. " \
                            f"{missing[:3]!r}"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_municipality_pdf_text_layer(con, pilot, lang, monkeypatch):
    data, drawn = _build_recording(monkeypatch, lambda: reports.build_municipality_pdf(con, pilot, YEAR, lang))
    _check(data, drawn, lang)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_network_pdf_text_layer(con, lang, monkeypatch):
    data, drawn = _build_recording(monkeypatch, lambda: reports.build_network_pdf(con, YEAR, lang, approval=True))
    _check(data, drawn, lang)
    if lang == "th":
        text = _pypdf_text(data)
        assert "ผู้ตรวจสอบ" in text and "ร้อยละ" in text
        # the date as officials write it: day, Thai month, พ.ศ., local time
        months = "|".join(fmt.THAI_MONTHS)
        assert re.search(rf"จัดทำเมื่อ \d{{1,2}} ({months}) 25\d\d เวลา \d\d:\d\d น\.", text), text[:400]


@needs_poppler
def test_sara_am_words_copy_cleanly():
    text = "การดำเนินงาน ต่ำ น้ำ ทำให้ สำนักงาน กำลัง คำนวณ ร้อยละ 29.61 ก๊าซเรือนกระจก ฤๅษี ญี่ปุ่น"
    pdf = pdf_base.ReportPDF(lang="th")
    pdf.add_page()
    pdf.paragraph(text)
    data = pdf.output_bytes()
    assert text in _pypdf_text(data)
    assert text in _poppler_text(data, raw=True)


def test_distribute_cluster_sara_am():
    # "ดำ" shaped: ด | nikhahit (zero advance) + sara aa (advance 500) in one cluster for ำ
    assert distribute_cluster([0x0E33], [0x0E4D, 0x0E32], [0, 500]) == [(), (0x0E33,)]
    # "ต่ำ" merged: ต, nikhahit, mai ek, sara aa -> ต | '' | ่ | ำ, which reads back as ต่ำ
    parts = distribute_cluster([0x0E15, 0x0E48, 0x0E33], [0x0E15, 0x0E4D, 0x0E48, 0x0E32], [600, 0, 0, 500])
    assert parts == [(0x0E15,), (), (0x0E48,), (0x0E33,)]
    # a ligature glyph with no character of its own takes the whole cluster
    assert distribute_cluster([ord("f"), ord("i")], [None], [550]) == [(ord("f"), ord("i"))]
