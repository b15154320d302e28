"""What each import file holds (columns, Thai labels, allowed values, help) and the blank templates.

The column definitions here are the single source for three things that must agree: the template an
editor downloads, the notes sheet that explains it, and what ``data.ingest.validate`` accepts. A template header
cell reads ``name / ป้ายไทย`` (e.g. ``amount / ปริมาณ``); the importer accepts that form, the canonical
English name alone, or the Thai label alone. Header = row 1, first data row = row 2.

``python -m data template --kind KIND OUT`` writes an .xlsx (data sheet named like the kind, a ``notes``
sheet, a ``lists`` sheet feeding drop-down validations) or, when OUT ends in .csv, the header line only
(UTF-8 with BOM so that Excel shows Thai).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from data.store import reference
from indicators.asi import ASI, STATUSES
from indicators.catalogue import THEMES

# --- months -----------------------------------------------------------------------------------------------

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
_MONTHS_TH_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
                   "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_MONTHS_EN_FULL = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december")
_MONTH_LOOKUP: dict[str, int] = {}
for _i in range(12):
    for _name in (MONTHS[_i], _MONTHS_EN_FULL[_i], MONTHS_TH[_i], _MONTHS_TH_FULL[_i], str(_i + 1), f"{_i + 1:02d}"):
        _MONTH_LOOKUP[re.sub(r"[\s.]", "", _name.casefold())] = _i + 1
_MONTH_LOOKUP["sept"] = 9
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def month_number(text) -> int | None:
    """1-12 for a month header or value: 'Jan', 'January', 'ม.ค.', 'มกราคม', '1', '01', '๑'; else None."""
    if not isinstance(text, str):
        return None
    key = re.sub(r"[\s.]", "", text.translate(_THAI_DIGITS).casefold())
    return _MONTH_LOOKUP.get(key)


# --- units and bounds -------------------------------------------------------------------------------------

# Spellings accepted for the factor's unit (compared case-insensitively); the stored unit is the factor's.
ACTIVITY_UNIT_ALIASES = {
    "kwh": "kWh", "หน่วย": "kWh", "กิโลวัตต์ชั่วโมง": "kWh",
    "l": "L", "litre": "L", "liter": "L", "litres": "L", "liters": "L", "ลิตร": "L",
    "kg": "kg", "กก.": "kg", "กก": "kg", "กิโลกรัม": "kg",
    "m3": "m3", "m³": "m3", "ลบ.ม.": "m3", "ลูกบาศก์เมตร": "m3",
    "person-yr": "person-yr", "คน-ปี": "person-yr", "head-yr": "head-yr", "ตัว-ปี": "head-yr",
}
# Largest plausible amount in ONE row (a month or a whole year) per unit. Set well above the biggest Thai
# city (Bangkok: ~50 TWh of electricity and ~3.6 Mt of municipal waste a year) so that only typing
# mistakes (wrong unit, misplaced decimal point, an extra zero run) are refused.
UNIT_MAX = {"kWh": 1e11, "L": 1e10, "kg": 1e10, "m3": 1e10, "person-yr": 1e8, "head-yr": 1e7}


# --- column definitions -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One import column: how it is parsed, what it allows, how the template explains it."""
    name: str
    label_th: str
    kind: str                          # text | code | choice | int | float | year | month
    required: bool = False
    help_en: str = ""
    help_th: str = ""
    example: str = ""
    choices: tuple[str, ...] = ()
    choice_aliases: dict = field(default_factory=dict)
    list_source: str | None = None     # drop-down list: activity | unit | gpc_ref | province | indicator
    pattern: str | None = None
    pattern_hint_en: str = ""
    pattern_hint_th: str = ""
    lo: float | None = None
    hi: float | None = None
    aliases: tuple[str, ...] = ()      # other accepted header spellings

    @property
    def pandas_dtype(self) -> str:
        return {"int": "Int64", "year": "Int64", "month": "Int64", "float": "Float64"}.get(self.kind, "object")

    def header(self) -> str:
        """The template's header cell: 'name / ป้ายไทย'."""
        return f"{self.name} / {self.label_th}"

    def type_en(self) -> str:
        return {"text": "text", "code": "code (text)", "choice": "one of a list", "int": "whole number",
                "float": "number", "year": "year (CE or BE)", "month": "month 1-12"}[self.kind]

    def type_th(self) -> str:
        return {"text": "ข้อความ", "code": "รหัส (ข้อความ)", "choice": "เลือกจากรายการ", "int": "จำนวนเต็ม",
                "float": "ตัวเลข", "year": "ปี (ค.ศ. หรือ พ.ศ.)", "month": "เดือน 1-12"}[self.kind]


@dataclass(frozen=True)
class KindSpec:
    """One kind of import file: its target table, columns, and the key that identifies a row."""
    kind: str
    table: str
    title_en: str
    title_th: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rule_en: str
    rule_th: str
    allows_wide: bool = False

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def required_columns(self, layout: str = "long") -> set[str]:
        req = {c.name for c in self.columns if c.required}
        return req - {"amount"} if layout == "wide" else req

    def sheet_names(self) -> set[str]:
        return {self.kind, self.table, self.title_en.casefold().replace(" ", "_")}

    def column_order(self, name: str) -> int:
        names = [c.name for c in self.columns]
        return names.index(name) if name in names else len(names)

    def column_list(self) -> str:
        names = ", ".join(c.name for c in self.columns)
        return names + (", jan…dec, total" if self.allows_wide else "")

    def empty_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame({c.name: pd.Series(dtype=c.pandas_dtype) for c in self.columns})
        frame["excel_row"] = pd.Series(dtype="int64")
        return frame


_CODE = r"[0-9A-Za-z][0-9A-Za-z_.\-]{0,19}"
_CODE_HINT = ("letters and digits, up to 20 characters", "ตัวอักษรหรือตัวเลข ไม่เกิน 20 ตัว")


def _muni_code(name="municipality_code", label="รหัส อปท.", required=True, help_en=None, help_th=None):
    return Column(name, label, "code", required,
                  help_en or "Code of the municipality (LAO code), as in the municipalities file.",
                  help_th or "รหัสองค์กรปกครองส่วนท้องถิ่น ตามไฟล์ข้อมูล อปท.", "1401101",
                  pattern=_CODE, pattern_hint_en=_CODE_HINT[0], pattern_hint_th=_CODE_HINT[1],
                  aliases=("municipality", "lao_code", "รหัสอปท"))


def _year(name="year", label="ปี", required=True, help_en="Year, CE (2024) or BE (2567).",
          help_th="ปี ค.ศ. (2024) หรือ พ.ศ. (2567)"):
    return Column(name, label, "year", required, help_en, help_th, "2567", aliases=("ปีพ.ศ.", "ปี_พ.ศ."))


TYPES = ("nakhon", "mueang", "tambon", "sao", "pao", "special")
ROLES = ("pilot", "replicating", "network")
# the municipal departments of the LCRS brochure (dimension 3); same keys as indicators/asi.py DEPARTMENTS
DEPARTMENTS = {"clerk": "สำนักปลัดเทศบาล", "finance": "กองคลัง", "education": "กองการศึกษา",
               "engineering": "กองช่าง", "sanitation": "กองช่างสุขาภิบาล", "planning": "กองวิชาการและแผนงาน",
               "social_welfare": "กองสวัสดิการสังคม", "public_health": "กองสาธารณสุขและสิ่งแวดล้อม"}
GPC_SECTORS = ("I", "II", "III", "IV", "V", "VI")

MUNICIPALITIES = KindSpec(
    "municipalities", "municipality", "Municipalities", "ข้อมูล อปท.",
    (
        Column("code", "รหัส อปท.", "code", True, "Unique code of the municipality (LAO code).",
               "รหัสองค์กรปกครองส่วนท้องถิ่น (ไม่ซ้ำกัน)", "1401101", pattern=_CODE,
               pattern_hint_en=_CODE_HINT[0], pattern_hint_th=_CODE_HINT[1]),
        Column("name_th", "ชื่อภาษาไทย", "text", True, "Name in Thai.", "ชื่อภาษาไทย", "เทศบาลนครพระนครศรีอยุธยา"),
        Column("name_en", "ชื่อภาษาอังกฤษ", "text", True, "Name in English.", "ชื่อภาษาอังกฤษ",
               "Phra Nakhon Si Ayutthaya City Municipality"),
        Column("type", "ประเภท", "choice", True,
               "nakhon = city, mueang = town, tambon = subdistrict municipality, sao = SAO, pao = PAO, "
               "special = Bangkok/Pattaya.",
               "nakhon = เทศบาลนคร, mueang = เทศบาลเมือง, tambon = เทศบาลตำบล, sao = อบต., pao = อบจ., "
               "special = กทม./พัทยา", "nakhon", choices=TYPES,
               choice_aliases={"เทศบาลนคร": "nakhon", "ทน.": "nakhon", "เทศบาลเมือง": "mueang", "ทม.": "mueang",
                               "เทศบาลตำบล": "tambon", "ทต.": "tambon", "อบต.": "sao", "อบจ.": "pao",
                               "city": "nakhon", "town": "mueang", "subdistrict": "tambon"}),
        Column("province_code", "รหัสจังหวัด", "code", True, "DOPA 2-digit province code (see lists).",
               "รหัสจังหวัด 2 หลักของกรมการปกครอง (ดูแผ่นงาน lists)", "14", list_source="province",
               pattern=r"\d{2}", pattern_hint_en="2 digits", pattern_hint_th="ตัวเลข 2 หลัก"),
        Column("population", "จำนวนประชากร", "int", True, "Registered population.", "จำนวนประชากรตามทะเบียนราษฎร",
               "52,345", lo=0, hi=20_000_000),
        Column("area_km2", "พื้นที่ (ตร.กม.)", "float", True, "Area in square kilometres.", "พื้นที่ ตารางกิโลเมตร",
               "14.6", lo=0.01, hi=100_000),
        Column("lat", "ละติจูด", "float", False, "Latitude of the town hall (decimal degrees).",
               "ละติจูดของสำนักงาน (องศาทศนิยม)", "14.3532", lo=5.0, hi=21.0),
        Column("lon", "ลองจิจูด", "float", False, "Longitude of the town hall (decimal degrees).",
               "ลองจิจูดของสำนักงาน (องศาทศนิยม)", "100.5689", lo=97.0, hi=106.0),
        Column("role", "บทบาทในโครงการ", "choice", False,
               "pilot = model city, replicating = replicating city, network = network member; empty = none.",
               "pilot = เมืองต้นแบบ, replicating = เมืองขยายผล, network = สมาชิกเครือข่าย, เว้นว่าง = ไม่ได้เข้าร่วม",
               "pilot", choices=ROLES,
               choice_aliases={"เมืองต้นแบบ": "pilot", "ต้นแบบ": "pilot", "model": "pilot",
                               "เมืองขยายผล": "replicating", "ขยายผล": "replicating",
                               "เมืองถอดแบบ": "replicating", "ถอดแบบ": "replicating",
                               "สมาชิกเครือข่าย": "network", "เครือข่าย": "network"}),
        _muni_code("mentor_code", "รหัส อปท. พี่เลี้ยง", False,
                   "Code of the pilot city that mentors this one (in this file or already imported).",
                   "รหัส อปท. เมืองต้นแบบที่เป็นพี่เลี้ยง (อยู่ในไฟล์นี้หรือนำเข้าแล้ว)"),
        _year("base_year", "ปีฐาน", False, "Base year for the reduction target (CE or BE).",
              "ปีฐานสำหรับเป้าหมายการลด (ค.ศ. หรือ พ.ศ.)"),
        _year("joined_year", "ปีที่เข้าร่วม", False, "Year the municipality joined the LCRS programme.",
              "ปีที่เข้าร่วมโครงการ LCRS"),
    ),
    key=("code",),
    rule_en="A code already in the database is refused (the message names the rows) unless you import with "
            "--replace (the data page: 'replace existing rows'); replaced rows come back if the batch is rolled back.",
    rule_th="รหัสที่มีอยู่แล้วในฐานข้อมูลจะถูกปฏิเสธ (แจ้งแถวที่ซ้ำ) เว้นแต่นำเข้าแบบแทนที่ (--replace) "
            "ข้อมูลที่ถูกแทนที่จะกลับคืนเมื่อยกเลิกชุดนำเข้า",
)

ACTIVITIES = KindSpec(
    "activities", "activity", "Activities", "ข้อมูลกิจกรรม",
    (
        _muni_code(),
        _year(),
        Column("inventory", "ประเภทบัญชี", "choice", True,
               "CFO = the municipality's own operations; CCF = the whole city (GPC).",
               "CFO = คาร์บอนฟุตพริ้นท์ขององค์กร, CCF = ก๊าซเรือนกระจกระดับเมือง (GPC)", "CFO", choices=("CFO", "CCF")),
        Column("activity", "รหัสกิจกรรม", "code", True,
               "Activity key from the emission-factor library (lists sheet), e.g. electricity_kwh.",
               "รหัสกิจกรรมจากคลังค่าการปล่อย (แผ่นงาน lists) เช่น electricity_kwh", "electricity_kwh",
               list_source="activity", aliases=("activity_key",)),
        Column("amount", "ปริมาณ", "float", True, "Quantity used in the month (or year if month is empty).",
               "ปริมาณที่ใช้ในเดือน (หรือทั้งปี ถ้าไม่ระบุเดือน)", "12,345.6", lo=0, aliases=("quantity",)),
        Column("unit", "หน่วย", "code", True, "Unit of the amount; must be the activity's unit (lists sheet).",
               "หน่วยของปริมาณ ต้องตรงกับหน่วยของกิจกรรม (แผ่นงาน lists)", "kWh", list_source="unit"),
        Column("month", "เดือน", "month", False, "Month 1-12; empty for an annual figure.",
               "เดือน 1-12 เว้นว่างถ้าเป็นยอดทั้งปี", "1"),
        Column("gpc_ref", "รหัส GPC", "code", False, "GPC reference number for a city inventory (CCF), e.g. I.1.2.",
               "รหัสอ้างอิง GPC สำหรับบัญชีระดับเมือง (CCF) เช่น I.1.2", "I.1.2", list_source="gpc_ref",
               pattern=r"(?i)[ivx]+(\.\d+){0,3}", pattern_hint_en="e.g. I.1.2", pattern_hint_th="เช่น I.1.2"),
        Column("data_quality", "คุณภาพข้อมูล", "choice", False,
               "H = metered/measured, M = partial or regional, L = estimate or national average.",
               "H = วัด/มิเตอร์, M = ข้อมูลบางส่วนหรือระดับภูมิภาค, L = ประมาณการหรือค่าเฉลี่ยประเทศ", "H",
               choices=("H", "M", "L"),
               choice_aliases={"high": "H", "medium": "M", "low": "L", "สูง": "H", "กลาง": "M", "ต่ำ": "L"}),
        Column("source", "แหล่งข้อมูล", "text", False, "Where the figure comes from (bill, meter, report).",
               "ที่มาของข้อมูล (ใบแจ้งหนี้ มิเตอร์ รายงาน)", "PEA bill"),
        Column("note", "หมายเหตุ", "text", False, "Free note.", "หมายเหตุ", ""),
    ),
    key=("municipality_code", "year", "inventory", "activity", "month", "gpc_ref"),
    rule_en="One row per municipality, year, inventory, activity, month and GPC reference (two meters of the "
            "same kind in one month: add them up). A row whose item is already in the database — same key, or an "
            "annual row against monthly rows of the same item — is refused unless you import with --replace, "
            "which replaces those rows (they come back if the batch is rolled back).",
    rule_th="หนึ่งแถวต่อ อปท. ปี บัญชี กิจกรรม เดือน และรหัส GPC (มิเตอร์ชนิดเดียวกันหลายตัวในเดือนเดียวให้รวมกัน) "
            "แถวที่มีรายการเดียวกันอยู่แล้วในฐานข้อมูล (คีย์เดียวกัน หรือแถวรายปีกับแถวรายเดือนของรายการเดียวกัน) "
            "จะถูกปฏิเสธ เว้นแต่นำเข้าแบบแทนที่ (--replace) ข้อมูลเดิมจะกลับคืนเมื่อยกเลิกชุดนำเข้า",
    allows_wide=True,
)

INDICATORS = KindSpec(
    "indicators", "indicator_value", "Indicators", "ค่าตัวชี้วัด",
    (
        _muni_code(),
        _year(),
        Column("indicator_code", "รหัสตัวชี้วัด", "code", True, "Indicator code from the catalogue (lists sheet).",
               "รหัสตัวชี้วัดจากบัญชีตัวชี้วัด (แผ่นงาน lists)", "lc_target_adopted", list_source="indicator"),
        Column("value", "ค่า", "float", True, "Value in the indicator's unit (lists sheet).",
               "ค่าในหน่วยของตัวชี้วัด (แผ่นงาน lists)", "1"),
        Column("evidence", "หลักฐาน", "text", False, "Evidence: document, link or description.",
               "หลักฐาน: เอกสาร ลิงก์ หรือคำอธิบาย", "มติสภา 12/2567"),
    ),
    key=("municipality_code", "year", "indicator_code"),
    rule_en="One value per municipality, year and indicator; a value already in the database is refused unless "
            "you import with --replace.",
    rule_th="หนึ่งค่าต่อ อปท. ปี และตัวชี้วัด ค่าที่มีอยู่แล้วจะถูกปฏิเสธ เว้นแต่นำเข้าแบบแทนที่ (--replace)",
)

ACTIONS = KindSpec(
    "actions", "action", "Actions", "มาตรการ/โครงการ (A-S-I)",
    (
        Column("action_id", "รหัสโครงการ", "code", True, "Your own identifier of the action, unique per municipality.",
               "รหัสโครงการที่ อปท. กำหนดเอง ไม่ซ้ำภายใน อปท.", "1401101-A01", pattern=r"[^\s].{0,63}",
               pattern_hint_en="up to 64 characters", pattern_hint_th="ไม่เกิน 64 ตัวอักษร"),
        _muni_code(),
        Column("title_th", "ชื่อโครงการ (ไทย)", "text", True, "Title in Thai.", "ชื่อโครงการภาษาไทย",
               "เปลี่ยนไฟถนนเป็นหลอด LED"),
        Column("title_en", "ชื่อโครงการ (อังกฤษ)", "text", False, "Title in English.", "ชื่อโครงการภาษาอังกฤษ",
               "LED street-light retrofit"),
        Column("theme", "ด้าน", "choice", True, "low_carbon, bike_walk or resilience.",
               "low_carbon = เมืองคาร์บอนต่ำ, bike_walk = เมืองจักรยานและเดินได้, resilience = เมืองรู้สู้ภัยพิบัติ",
               "low_carbon", choices=THEMES,
               choice_aliases={"low carbon": "low_carbon", "เมืองคาร์บอนต่ำ": "low_carbon", "คาร์บอนต่ำ": "low_carbon",
                               "bike & walk": "bike_walk", "bike and walk": "bike_walk",
                               "เมืองจักรยานและเดินได้": "bike_walk", "จักรยาน": "bike_walk",
                               "เมืองรู้สู้ภัยพิบัติ": "resilience", "ภัยพิบัติ": "resilience"}),
        Column("dimension", "มิติ", "int", True,
               "Whole-Municipality dimension 1-4: 1 vision & policy, 2 internal management, 3 routine services, "
               "4 strategic projects.",
               "มิติ 1-4: 1 วิสัยทัศน์และนโยบาย 2 การจัดการภายใน 3 งานบริการประจำ 4 โครงการยุทธศาสตร์", "3", lo=1, hi=4),
        Column("asi", "A-S-I", "choice", False,
               "avoid, shift or improve: required for low_carbon and bike_walk (mitigation) actions; leave empty "
               "for resilience actions.",
               "avoid = หลีกเลี่ยง, shift = ปรับเปลี่ยน, improve = ปรับปรุง: ต้องกรอกสำหรับโครงการด้านเมืองคาร์บอนต่ำและ"
               "เมืองจักรยานและเดินได้ (การลดก๊าซเรือนกระจก) เว้นว่างสำหรับโครงการด้านเมืองรู้สู้ภัยพิบัติ", "improve",
               choices=ASI,
               choice_aliases={"a": "avoid", "s": "shift", "i": "improve", "หลีกเลี่ยง": "avoid",
                               "ปรับเปลี่ยน": "shift", "เปลี่ยน": "shift", "ปรับปรุง": "improve"}),
        Column("undrr_essential", "ข้อที่ (10 ประการ UNDRR)", "int", False,
               "Resilience actions only: which of the Ten Essentials of the UNDRR Disaster Resilience Scorecard "
               "(1-10) the action serves, e.g. 1 organise for disaster resilience, 2 risk scenarios, "
               "5 natural buffers, 8 infrastructure, 9 disaster response. Leave empty for low_carbon and "
               "bike_walk actions.",
               "เฉพาะโครงการด้านเมืองรู้สู้ภัยพิบัติ: ข้อใดใน 10 ประการของแบบประเมินเมืองรู้สู้ภัยพิบัติ (UNDRR) "
               "(1-10) เช่น 1 การจัดองค์กร 2 ฉากทัศน์ความเสี่ยง 5 พื้นที่กันชนทางธรรมชาติ 8 โครงสร้างพื้นฐาน "
               "9 การตอบสนองต่อภัยพิบัติ เว้นว่างสำหรับโครงการด้านคาร์บอนต่ำและจักรยาน", "", lo=1, hi=10,
               aliases=("essential", "undrr", "ข้อที่", "ประการที่", "10 ประการ")),
        Column("gpc_sector", "ภาค GPC", "choice", False, "GPC sector I-VI the action reduces.",
               "ภาค GPC (I-VI) ที่โครงการลดการปล่อย", "I", choices=GPC_SECTORS),
        Column("department", "กอง/ฝ่าย", "choice", False, "Responsible department (lists sheet).",
               "กอง/ฝ่ายที่รับผิดชอบ (แผ่นงาน lists)", "engineering", choices=tuple(DEPARTMENTS),
               choice_aliases={th: key for key, th in DEPARTMENTS.items()}),
        Column("status", "สถานะ", "choice", True, "planned, ongoing, completed or cancelled.",
               "planned = วางแผน, ongoing = ดำเนินการ, completed = เสร็จสิ้น, cancelled = ยกเลิก", "ongoing",
               choices=STATUSES,
               choice_aliases={"วางแผน": "planned", "ดำเนินการ": "ongoing", "กำลังดำเนินการ": "ongoing",
                               "เสร็จสิ้น": "completed", "เสร็จ": "completed", "ยกเลิก": "cancelled"}),
        _year("start_year", "ปีเริ่มต้น", True, "First year of the action (CE or BE).", "ปีที่เริ่ม (ค.ศ. หรือ พ.ศ.)"),
        _year("end_year", "ปีสิ้นสุด", False, "Last year (empty if open-ended).", "ปีที่สิ้นสุด (เว้นว่างถ้าไม่มีกำหนด)"),
        Column("budget_thb", "งบประมาณ (บาท)", "float", False, "Budget in baht.", "งบประมาณ (บาท)", "1,500,000",
               lo=0, hi=1e11),
        Column("expected_tco2e", "คาดว่าจะลด (tCO2e/ปี)", "float", False, "Expected reduction, tCO2e per year.",
               "ปริมาณที่คาดว่าจะลดได้ ตันคาร์บอนไดออกไซด์เทียบเท่าต่อปี", "25", lo=-1e8, hi=1e8),
        Column("achieved_tco2e", "ลดได้จริง (tCO2e/ปี)", "float", False, "Achieved reduction, tCO2e per year.",
               "ปริมาณที่ลดได้จริง ตันคาร์บอนไดออกไซด์เทียบเท่าต่อปี", "18.5", lo=-1e8, hi=1e8),
        Column("bike_lane_km", "ทางจักรยาน (กม.)", "float", False, "Kilometres of bike lane built (bike actions).",
               "ระยะทางจักรยานที่สร้าง (กม.)", "4.5", lo=0, hi=10_000),
        Column("co_benefits", "ประโยชน์ร่วม", "text", False, "Co-benefits (health, savings…).",
               "ประโยชน์ร่วม (สุขภาพ การประหยัด …)", "ค่าไฟลดลง"),
    ),
    key=("municipality_code", "action_id"),
    rule_en="An action is identified by municipality_code and action_id; one already in the database is refused "
            "unless you import with --replace (to update its status or achieved reduction).",
    rule_th="โครงการระบุด้วย municipality_code และ action_id โครงการที่มีอยู่แล้วจะถูกปฏิเสธ "
            "เว้นแต่นำเข้าแบบแทนที่ (--replace) เพื่อปรับสถานะหรือผลการลด",
)

SCORECARD = KindSpec(
    "scorecard", "scorecard", "Scorecard", "แบบประเมินเมืองรู้สู้ภัยพิบัติ (UNDRR)",
    (
        _muni_code(),
        _year(),
        Column("level", "ระดับการประเมิน", "choice", True, "preliminary (scores 0-3) or detailed (scores 0-5).",
               "preliminary = ขั้นต้น (คะแนน 0-3), detailed = ละเอียด (คะแนน 0-5)", "preliminary",
               choices=("preliminary", "detailed"),
               choice_aliases={"ขั้นต้น": "preliminary", "เบื้องต้น": "preliminary", "ละเอียด": "detailed",
                               "level 1": "preliminary", "level 2": "detailed"}),
        Column("essential", "ข้อที่ (Essential)", "int", True, "UNDRR Ten Essentials: 1-10.",
               "หลักสำคัญ 10 ประการของ UNDRR: 1-10", "1", lo=1, hi=10),
        Column("question", "คำถาม", "code", True, "Question code, e.g. P1.1 (lists sheet).",
               "รหัสคำถาม เช่น P1.1 (แผ่นงาน lists)", "P1.1", list_source="question"),
        Column("score", "คะแนน", "int", True, "Score: 0-3 preliminary, 0-5 detailed.",
               "คะแนน: ขั้นต้น 0-3, ละเอียด 0-5", "2", lo=0, hi=5),
    ),
    key=("municipality_code", "year", "level", "essential", "question"),
    rule_en="One score per municipality, year, level and question; a score already in the database is refused "
            "unless you import with --replace.",
    rule_th="หนึ่งคะแนนต่อ อปท. ปี ระดับ และคำถาม คะแนนที่มีอยู่แล้วจะถูกปฏิเสธ เว้นแต่นำเข้าแบบแทนที่ (--replace)",
)

KINDS: dict[str, KindSpec] = {s.kind: s for s in (MUNICIPALITIES, ACTIVITIES, INDICATORS, ACTIONS, SCORECARD)}


# --- lists for drop-downs ---------------------------------------------------------------------------------

def reference_lists() -> dict[str, pd.DataFrame]:
    """The coded values offered in drop-downs, from the reference CSVs shipped with the code."""
    out = {}
    ef = reference.read_reference_csv("emission_factors.csv")
    if ef is not None:
        acts = ef.drop_duplicates("activity")[["activity", "unit", "name_th", "name_en"]]
        out["activity"] = acts.reset_index(drop=True)
        out["unit"] = pd.DataFrame({"unit": sorted(acts["unit"].astype(str).unique())})
    gpc = reference.read_reference_csv("gpc_refs.csv")
    if gpc is not None:
        out["gpc_ref"] = gpc[["gpc_ref", "name_th", "name_en"]].reset_index(drop=True)
    ind = reference.read_reference_csv("indicators.csv")
    if ind is not None:
        out["indicator"] = ind[["indicator_code", "unit", "name_th", "name_en"]].reset_index(drop=True)
    questions = reference.read_reference_csv("undrr_questions.csv")
    if questions is not None:
        out["question"] = questions[["question", "level", "essential", "title_th", "title_en"]].reset_index(drop=True)
    prov = reference.provinces()
    out["province"] = prov[["province_code", "name_th", "name_en"]].reset_index(drop=True)
    return out


# --- writing templates ------------------------------------------------------------------------------------

def template_columns(kind: str, wide: bool = False) -> list[tuple[str, Column | None, int | None]]:
    """(header text, column or None, month or None) in template order; the wide layout has Jan…Dec."""
    spec = KINDS[kind]
    if not wide:
        return [(c.header(), c, None) for c in spec.columns]
    if not spec.allows_wide:
        raise ValueError(f"the wide monthly layout exists only for activities, not {kind}")
    base = [(c.header(), c, None) for c in spec.columns if c.name not in ("amount", "month")]
    return base + [(f"{MONTHS[m]} / {MONTHS_TH[m]}", None, m + 1) for m in range(12)]


def template_bytes(kind: str, fmt: str = "xlsx", wide: bool = False) -> bytes:
    """A blank template of ``kind`` as .xlsx or .csv bytes (CSV: header line, UTF-8 with BOM)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    cols = template_columns(kind, wide)
    if fmt == "csv":
        buf = io.StringIO()
        pd.DataFrame(columns=[h for h, _, _ in cols]).to_csv(buf, index=False, lineterminator="\r\n")
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r}")
    return _xlsx_template(KINDS[kind], cols, wide)


def write_template(kind: str, out: str | Path, wide: bool = False) -> Path:
    """Write a blank template to ``out`` (.xlsx, or .csv for the CSV variant)."""
    out = Path(out)
    fmt = "csv" if out.suffix.lower() == ".csv" else "xlsx"
    if fmt == "xlsx" and out.suffix.lower() != ".xlsx":
        raise ValueError("the template file name must end in .xlsx or .csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(template_bytes(kind, fmt, wide))
    return out


_LIST_ROWS = 1_048_576  # validations cover the whole column


def _xlsx_template(spec: KindSpec, cols, wide: bool) -> bytes:
    import xlsxwriter
    from datetime import datetime

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": f"LCRS import template: {spec.kind}", "created": datetime(2015, 1, 1)})
    head_req = wb.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True, "valign": "top"})
    head_opt = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1, "text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    text_fmt = wb.add_format({"num_format": "@"})

    data = wb.add_worksheet(spec.kind)
    notes = wb.add_worksheet("notes")
    lists_ws = wb.add_worksheet("lists")
    lists = reference_lists()
    ranges = _write_lists(lists_ws, lists, spec, bold)

    for j, (header, col, month) in enumerate(cols):
        is_req = col is not None and col.required
        data.write_string(0, j, header, head_req if is_req else head_opt)
        width = max(12, min(28, len(header) + 2))
        # codes typed as text keep their leading zeros and are never turned into dates
        data.set_column(j, j, width, text_fmt if col is not None and col.kind in ("code", "text") else None)
        if col is not None:
            data.write_comment(0, j, f"{col.help_en}\n{col.help_th}", {"x_scale": 2, "y_scale": 1.5})
        _add_validation(data, j, col, month, ranges)
    data.set_row(0, 45)
    data.freeze_panes(1, 0)

    _write_notes(notes, spec, cols, wide, bold, wrap)
    wb.close()
    return buf.getvalue()


def _write_lists(ws, lists: dict[str, pd.DataFrame], spec: KindSpec, bold) -> dict[str, str]:
    """Write each list used by ``spec`` in its own block of columns; return source ranges for validations."""
    ranges = {}
    col = 0
    static = {c.name: c for c in spec.columns if c.kind == "choice"}
    wanted = [c.list_source for c in spec.columns if c.list_source]
    for source in dict.fromkeys(wanted):
        df = lists.get(source)
        if df is None or not len(df):
            continue
        for j, name in enumerate(df.columns):
            ws.write_string(0, col + j, str(name), bold)
            for i, v in enumerate(df[name].tolist()):
                if v is None or (isinstance(v, float) and v != v):
                    continue
                ws.write(i + 1, col + j, v if not isinstance(v, str) else str(v))
            ws.set_column(col + j, col + j, 18 if j == 0 else 30)
        letter = xl_col_to_name(col)
        ranges[source] = f"=lists!${letter}$2:${letter}${len(df) + 1}"
        col += len(df.columns) + 1
    for name, c in static.items():
        ws.write_string(0, col, name, bold)
        for i, v in enumerate(c.choices):
            ws.write_string(i + 1, col, v)
        letter = xl_col_to_name(col)
        ranges[f"choice:{name}"] = f"=lists!${letter}$2:${letter}${len(c.choices) + 1}"
        col += 2
    return ranges


def _add_validation(ws, j: int, col: Column | None, month: int | None, ranges: dict[str, str]) -> None:
    if col is None:  # a month column of the wide layout: a non-negative amount
        ws.data_validation(1, j, _LIST_ROWS - 1, j, {
            "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
            "error_title": "amount / ปริมาณ", "error_message": "Amount must be >= 0 / ปริมาณต้องไม่ติดลบ"})
        return
    src = ranges.get(f"choice:{col.name}") if col.kind == "choice" else ranges.get(col.list_source or "")
    if src:
        ws.data_validation(1, j, _LIST_ROWS - 1, j, {
            "validate": "list", "source": src, "ignore_blank": True,
            "error_type": "warning" if col.kind == "choice" else "stop",
            "error_title": col.name, "error_message": f"Choose from the list / เลือกจากรายการ ({col.name})",
            "input_title": col.name[:32], "input_message": col.help_th[:255]})
    elif col.kind in ("int", "month") and (col.lo is not None or col.kind == "month"):
        lo, hi = (1, 12) if col.kind == "month" else (col.lo, col.hi)
        ws.data_validation(1, j, _LIST_ROWS - 1, j, {
            "validate": "integer", "criteria": "between", "minimum": int(lo), "maximum": int(hi),
            "ignore_blank": True, "error_title": col.name,
            "error_message": f"{col.name}: {int(lo)}-{int(hi)}"})


def _write_notes(ws, spec: KindSpec, cols, wide: bool, bold, wrap) -> None:
    ws.set_column(0, 0, 26)
    ws.set_column(1, 2, 14)
    ws.set_column(3, 3, 30)
    ws.set_column(4, 5, 55)
    ws.set_column(6, 6, 22)
    lines = [
        (f"LCRS import template — {spec.title_en} ({spec.kind})", f"แม่แบบนำเข้าข้อมูล LCRS — {spec.title_th}"),
        (f"Fill the '{spec.kind}' sheet from row 2; keep the header row as it is. Import with: "
         f"python -m data import FILE --kind {spec.kind}  (or the Data page of the dashboard).",
         f"กรอกข้อมูลในแผ่นงาน '{spec.kind}' ตั้งแต่แถวที่ 2 ห้ามแก้ไขแถวหัวตาราง นำเข้าด้วยคำสั่งข้างต้น "
         "หรือหน้า 'ข้อมูล' ของแดชบอร์ด"),
        ("Years may be CE (2024) or BE (2567); Thai digits and thousands separators (1,234.5) are accepted. "
         "The whole file is imported or nothing is.",
         "ปีใช้ ค.ศ. หรือ พ.ศ. ก็ได้ ใช้เลขไทยและเครื่องหมายคั่นหลักพัน (1,234.5) ได้ "
         "ระบบจะนำเข้าทั้งไฟล์หรือไม่นำเข้าเลย"),
        (spec.rule_en, spec.rule_th),
    ]
    if spec.allows_wide:
        lines.append(("Wide layout: one row per item with columns jan…dec (like TGO's calculator) is accepted and "
                      "gives the same rows as the long layout; leave a month empty when there is no figure, "
                      "write 0 when nothing was used." + (" This template uses it." if wide else
                                                           " Get it with --wide."),
                      "รูปแบบแนวกว้าง: หนึ่งแถวต่อรายการ มีคอลัมน์ ม.ค.…ธ.ค. (แบบเครื่องคำนวณของ อบก.) ใช้ได้และได้ผล"
                      "เหมือนแบบแนวยาว เว้นว่างเดือนที่ไม่มีข้อมูล ใส่ 0 เมื่อไม่มีการใช้"))
    r = 0
    for en, th in lines:
        ws.write_string(r, 0, en, bold if r == 0 else wrap)
        ws.write_string(r + 1, 0, th, bold if r == 0 else wrap)
        r += 2
    r += 1
    heads = ["column / คอลัมน์", "required / ต้องมี", "type / ชนิด", "allowed values / ค่าที่ใช้ได้",
             "meaning", "ความหมาย", "example / ตัวอย่าง"]
    for j, h in enumerate(heads):
        ws.write_string(r, j, h, bold)
    r += 1
    for header, col, month in cols:
        if col is None:
            ws.write_row(r, 0, [header, "", "number ≥ 0 / ตัวเลข ≥ 0", "",
                                f"Amount in month {month} (empty = no figure).",
                                f"ปริมาณในเดือนที่ {month} (ว่าง = ไม่มีข้อมูล)", ""], wrap)
        else:
            allowed = ", ".join(col.choices) if col.choices else (
                "see sheet 'lists' / ดูแผ่นงาน lists" if col.list_source else
                (f"{_num(col.lo)} … {_num(col.hi)}" if col.lo is not None or col.hi is not None else ""))
            ws.write_row(r, 0, [header, "yes / ใช่" if col.required else "no / ไม่", f"{col.type_en()} / {col.type_th()}",
                                allowed, col.help_en, col.help_th, col.example], wrap)
        r += 1


def _num(x) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:g}"
