"""UNDRR essential of resilience actions stored before the column existed (migration 006, restore of older exports).

Before schema version 6 every action, resilience ones included, had to carry an A-S-I type. From version 6,
mitigation actions (themes low_carbon, bike_walk) carry an A-S-I type and no essential, and resilience actions
carry one of the Ten Essentials of the UNDRR Disaster Resilience Scorecard for Cities and no A-S-I type.

The old A-S-I type of a resilience action says nothing about its essential, so it is dropped. The essential is
guessed from the action's title (Thai and English) by the first matching rule of ``KEYWORD_RULES`` (order
matters: "แผนที่เสี่ยงภัย" is a risk map, essential 2, before "แผน", a plan, essential 1); a title no rule
matches gets essential 1 (organise for disaster resilience), the broadest one. docs/import_guide.md tells
municipalities to check these guesses and re-import their resilience actions with --replace.
"""
from __future__ import annotations

import re

import pandas as pd

MITIGATION_THEMES = ("low_carbon", "bike_walk")
DEFAULT_ESSENTIAL = 1

# (essential, pattern over the lower-cased "title_th title_en"); first match wins
KEYWORD_RULES: tuple[tuple[int, str], ...] = (
    (2, r"แผนที่เสี่ยง|ความเสี่ยง|ประเมินภัย|risk map|risk assess|hazard map|risk scenario"),
    (5, r"ป่าชายเลน|พื้นที่ชุ่มน้ำ|ปลูกป่า|mangrove|wetland|natural buffer|reforest"),
    (3, r"กองทุน|ประกันภัย|งบประมาณ|insurance|fund|budget"),
    (9, r"เตือนภัย|อพยพ|ซ้อม|กู้ภัย|early.warning|evacuation|drill|emergency response|rescue"),
    (8, r"ขุดลอก|แก้มลิง|ระบายน้ำ|คันกั้นน้ำ|ไฟฟ้าสำรอง|dredg|retention|drainage|dike|levee|back-up power|backup power"),
    (7, r"อาสาสมัคร|อปพร|ผู้สูงอายุ|ผู้พิการ|ชุมชน|volunteer|older|disabled|community"),
    (10, r"ฟื้นฟูหลังภัย|ซ่อมแซม|recovery|build back|rebuild"),
    (6, r"ฝึกอบรม|บุคลากร|training|staff"),
    (4, r"ผังเมือง|อาคาร|building code|land use|urban design|zoning"),
    (1, r"แผน|นโยบาย|คณะกรรมการ|plan|policy|committee"),
)
_COMPILED = tuple((e, re.compile(p)) for e, p in KEYWORD_RULES)


def essential_from_title(title_th: str | None, title_en: str | None) -> int:
    """The essential (1-10) that the first matching ``KEYWORD_RULES`` entry gives a title, else 1."""
    text = f"{title_th or ''} {title_en or ''}".lower()
    for essential, pattern in _COMPILED:
        if pattern.search(text):
            return essential
    return DEFAULT_ESSENTIAL


def upgrade_action_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the pre-version-6 ``action`` table in the version-6 shape: ``undrr_essential`` added (after
    ``asi``); resilience rows lose their A-S-I type and get the essential their title suggests."""
    out = rows.copy()
    resilience = ~out["theme"].isin(MITIGATION_THEMES)
    essentials = [essential_from_title(th, en) if r else None
                  for th, en, r in zip(out["title_th"], out["title_en"], resilience)]
    out["asi"] = out["asi"].astype(object).where(~resilience, None)
    at = list(out.columns).index("asi") + 1
    out.insert(at, "undrr_essential", pd.array(essentials, dtype="Int64"))
    return out
