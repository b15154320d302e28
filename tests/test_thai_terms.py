"""Thai as officials write it (issue 14, item 4): the wrong or informal forms of the officials' terms appear nowhere
a reader sees Thai: the app's labels, the PDF/XLSX report wording, the import templates as generated, the reference
names shown in tables, and the Thai lines of the documentation."""
from __future__ import annotations

import io
import re

import openpyxl
import pytest

from data.ingest.templates import KINDS, template_bytes
from reports.labels import LABELS
from tests.helpers.apptest import ROOT
from ui.i18n import catalogue

THAI = re.compile(r"[\u0E00-\u0E7F]")
# (wrong form, the officials' form)
FORBIDDEN = [
    (r"ขอบเขต(ที่)?\s*[123]", "ประเภทที่ 1/2/3 for scopes (ขอบเขต is the boundary)"),
    (r"ลดก๊าซ(?!เรือนกระจก)", "ลดก๊าซเรือนกระจก"),
    (r"ฟุตพ(ริ้น|ริน)ต์|ฟุตปริ้น|ฟุตพริ้นท์องค์กร", "คาร์บอนฟุตพริ้นท์ขององค์กร"),
    (r"ข้อมูลลับ", "C = ข้อมูลปกปิด"),
    (r"ทะเบียนราษ(ฏร|ฎร์)", "ทะเบียนราษฎร"),
    (r"การเปิดรับภัย|การสัมผัสภัย", "ความล่อแหลม (exposure)"),
    (r"กระบวนการอุตสาหกรรม", "กระบวนการทางอุตสาหกรรม(และการใช้ผลิตภัณฑ์)"),
    (r"เผาไหม้(อยู่กับที่|เคลื่อนที่|ประจำที่)|แบบประจำที่", "การเผาไหม้แบบอยู่กับที่ / แบบเคลื่อนที่"),
    (r"CFO ต่อคน", "CFO ต่อประชากร"),
    (r"เมืองนำร่อง|เมืองเลียนแบบ|เมืองถอดแบบ", "เมืองต้นแบบ / เมืองขยายผล"),
    (r"อปท\.รูปแบบพิเศษ", "อปท. รูปแบบพิเศษ"),
    (r"สัมประสิทธิ์การปล่อย|ปัจจัยการปล่อย", "ค่าการปล่อยก๊าซเรือนกระจก (EF)"),
    (r"(?<!ค่า)ศักยภาพ(ใน)?การทำให้(เกิด)?(ภาวะ)?โลกร้อน", "ค่าศักยภาพในการทำให้เกิดภาวะโลกร้อน (GWP)"),
    (r"(?<!การ)เปลี่ยนแปลง(จาก|เทียบ)ปีก่อน", "การเปลี่ยนแปลงเทียบกับปีก่อน"),
]
# in a Thai label the unit is written tCO₂eq (ตันคาร์บอนไดออกไซด์เทียบเท่า)
UNIT = (r"(t|kg)CO2e|(t|kg)CO₂e(?!q)", "tCO₂eq / kgCO₂eq in Thai labels")


def wrong_forms(text: str, rules=FORBIDDEN) -> list[str]:
    return [f"{m.group(0)!r} (write {right})" for pattern, right in rules for m in re.finditer(pattern, text)]


def test_the_rules_catch_the_wrong_forms():
    assert wrong_forms("CFO ต่อคน ขอบเขต 1+2") == ["'ขอบเขต 1' (write ประเภทที่ 1/2/3 for scopes (ขอบเขต is the boundary))",
                                               "'CFO ต่อคน' (write CFO ต่อประชากร)"]
    assert wrong_forms("การลดก๊าซเทียบปีฐาน")
    assert not wrong_forms("การลดก๊าซเรือนกระจกเทียบปีฐาน ภายในขอบเขตเมือง")
    assert not wrong_forms("ค่าศักยภาพในการทำให้เกิดภาวะโลกร้อน (GWP) · การเปลี่ยนแปลงเทียบกับปีก่อน")
    assert wrong_forms("ปีฐาน (tCO2e)", [UNIT]) and not wrong_forms("ปีฐาน (tCO₂eq)", [UNIT])


def test_app_labels_use_the_officials_terms():
    bad = {k: wrong_forms(th, FORBIDDEN + [UNIT]) for k, (th, _en) in catalogue().items()}
    assert not {k: v for k, v in bad.items() if v}


def test_report_wording_uses_the_officials_terms():
    bad = {k: wrong_forms(th, FORBIDDEN + [UNIT]) for k, (th, _en) in LABELS.items()}
    assert not {k: v for k, v in bad.items() if v}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_import_templates_use_the_officials_terms(kind):
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(kind, "xlsx")))
    bad = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and THAI.search(value):
                    bad += [f"{sheet.title}: {p}" for p in wrong_forms(value)]
    assert not bad


@pytest.mark.parametrize("folder,pattern", [("docs", "*.md"), (".", "README.md"), ("data/reference", "*.csv"),
                                            ("data/demo", "*.py")])
def test_docs_and_reference_names_use_the_officials_terms(folder, pattern):
    bad = []
    for path in sorted((ROOT / folder).glob(pattern)):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if THAI.search(line):
                bad += [f"{path.relative_to(ROOT)}:{n}: {p}" for p in wrong_forms(line)]
    assert not bad
