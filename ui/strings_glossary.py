"""The glossary: what each term means, in Thai and English. ``gloss.*`` entries are listed on the methodology
page (in ``GLOSSARY`` order); ``help.*`` entries are the tooltips of KPIs and chart titles, built from the same
definitions so that a term means one thing everywhere."""

_TERMS = {
    "cfo": (("CFO — คาร์บอนฟุตพริ้นท์ขององค์กร",
             "ปริมาณก๊าซเรือนกระจกจากการดำเนินงานของ อปท. เอง (อาคาร ยานพาหนะ เครื่องจักร งานบริการ) "
             "คำนวณตามแนวทางของ อบก. แยกเป็นประเภทที่ 1, 2 และ 3 หน่วยเป็นตันคาร์บอนไดออกไซด์เทียบเท่า"),
            ("CFO — Carbon Footprint for Organization",
             "Greenhouse gases from the municipality's own operations (its buildings, vehicles, machines and "
             "services), computed with TGO's guideline and split into scopes 1, 2 and 3; in tonnes of CO2 "
             "equivalent.")),
    "ccf": (("CCF — ข้อมูลก๊าซเรือนกระจกระดับเมือง",
             "ก๊าซเรือนกระจกจากทุกกิจกรรมในเขตพื้นที่ของเมือง (บ้านเรือน ธุรกิจ การเดินทาง ขยะ) ไม่ใช่เฉพาะของ "
             "อปท. คำนวณตามวิธี GPC"),
            ("CCF — City Carbon Footprint",
             "Greenhouse gases from every activity inside the city's boundary (homes, businesses, travel, "
             "waste), not only the municipality's own; computed with the GPC method.")),
    "gpc": (("GPC — มาตรฐานบัญชีก๊าซเรือนกระจกระดับเมือง",
             "Global Protocol for Community-Scale GHG Emission Inventories ฉบับ 1.1 (WRI, C40, ICLEI) แบ่งเป็น "
             "5 ภาค: I พลังงานแบบอยู่กับที่ II การขนส่ง III ของเสีย IV กระบวนการทางอุตสาหกรรมและการใช้ผลิตภัณฑ์ "
             "(IPPU) V เกษตร ป่าไม้ และการใช้ที่ดิน (AFOLU)"),
            ("GPC — Global Protocol for Community-Scale GHG Emission Inventories",
             "Version 1.1 (WRI, C40, ICLEI), in five sectors: I stationary energy, II transport, III waste, "
             "IV industrial processes and product use (IPPU), V agriculture, forestry and other land use "
             "(AFOLU).")),
    "basic": (("BASIC / BASIC+",
               "ระดับการรายงานของ GPC: BASIC รวมพลังงานแบบอยู่กับที่ การขนส่ง และของเสีย; BASIC+ เพิ่ม IPPU, "
               "AFOLU และการขนส่งข้ามเขต ช่องที่ไม่มีตัวเลขใช้สัญลักษณ์แทนข้อมูล (NO ไม่เกิดขึ้น, IE รวมไว้ที่อื่น, "
               "NE ไม่ได้ประเมิน, C ข้อมูลปกปิด)"),
              ("BASIC / BASIC+",
               "GPC reporting levels: BASIC covers stationary energy, transport and waste; BASIC+ adds IPPU, AFOLU "
               "and transboundary transport. A line without a figure carries a notation key (NO not occurring, "
               "IE included elsewhere, NE not estimated, C confidential).")),
    "scopes": (("ประเภทที่ 1, 2, 3 (scope)",
                "ประเภทที่ 1 การปล่อยโดยตรง (เชื้อเพลิงจากการเผาไหม้แบบอยู่กับที่และแบบเคลื่อนที่ สารทำความเย็นรั่วไหล) "
                "ประเภทที่ 2 การใช้ไฟฟ้าที่ซื้อมา ประเภทที่ 3 ทางอ้อมอื่น ๆ (น้ำประปา กระดาษ ขยะที่ส่งไปกำจัดที่อื่น)"),
               ("Scopes 1, 2, 3",
                "Scope 1: direct emissions (fuel burned in stationary and mobile combustion, refrigerant leaks). "
                "Scope 2: purchased electricity. Scope 3: other indirect emissions (tap water, paper, waste "
                "disposed of elsewhere).")),
    "tco2e": (("tCO₂eq — ตันคาร์บอนไดออกไซด์เทียบเท่า",
               "ก๊าซแต่ละชนิด (CO₂, CH₄, N₂O, สารทำความเย็น) แปลงเป็นปริมาณ CO₂ ที่ทำให้โลกร้อนเท่ากันด้วยค่าศักยภาพ"
               "ในการทำให้เกิดภาวะโลกร้อน (GWP) ตามรายงาน IPCC AR5 (ค่าที่ อบก. ใช้)"),
              ("tCO₂e — tonnes of CO₂ equivalent",
               "Each gas (CO₂, CH₄, N₂O, refrigerants) converted to the amount of CO₂ that warms as much, with "
               "the global warming potentials (GWP) of IPCC AR5 (the set TGO uses).")),
    "ef": (("ค่าการปล่อยก๊าซเรือนกระจก (EF)",
            "ปริมาณก๊าซเรือนกระจกต่อหน่วยกิจกรรม เช่น กิโลกรัม CO₂ เทียบเท่าต่อไฟฟ้า 1 kWh ใช้ค่าของ อบก. "
            "ที่มีผลในปีนั้น"),
           ("Emission factor (EF)",
            "Greenhouse gas per unit of activity, e.g. kg CO₂e per kWh of electricity; TGO's factor valid in "
            "that year is used.")),
    "base_year": (("ปีฐาน",
                   "ปีที่ อปท. เลือกเป็นจุดเริ่มต้นเพื่อวัดการลดก๊าซเรือนกระจก การลดคิดเป็นร้อยละ = (ปีฐาน − ปีนี้) ÷ "
                   "ปีฐาน × 100 โดยเทียบเฉพาะรายการที่มีทั้งสองปี"),
                  ("Base year",
                   "The year the municipality chose to measure its reductions against. Reduction % = (base − this "
                   "year) ÷ base × 100, over what both years report.")),
    "award": (("เกณฑ์รางวัล (ลด ≥ 5 %)",
               "อปท. ที่ลดก๊าซเรือนกระจกได้อย่างน้อยร้อยละ 5 เทียบกับปีฐาน จากกิจกรรมที่ลดลงจริง (ไม่ใช่เพราะค่าการ"
               "ปล่อยของไฟฟ้าเปลี่ยน) ได้รับรางวัลและขอใบรับรองตามโครงการ LESS ของ อบก. ได้"),
              ("Award criterion (≥ 5 % cut)",
               "A municipality that cuts its emissions by at least 5 % against its base year through its "
               "activities (not because the grid factor changed) earns the award and can apply for TGO's LESS "
               "letter of recognition.")),
    "lcrs": (("LCRS — เมืองคาร์บอนต่ำ เมืองจักรยานและเดินได้ เมืองรู้สู้ภัยพิบัติ",
              "โครงการของสันนิบาตเทศบาลแห่งประเทศไทยที่รวม 3 ด้านเข้าด้วยกัน ดัชนี LCRS (0–100) คือค่าเฉลี่ยของคะแนน "
              "3 ด้าน แต่ละด้านเป็นค่าเฉลี่ยของช่องในเมทริกซ์ทั้งองค์กรที่มีคะแนน ระดับพัฒนาการให้เมื่อความเชื่อมั่น"
              "อย่างน้อย 0.5"),
             ("LCRS — Low-carbon, bike-and-walk and disaster-resilient cities",
              "The National Municipal League of Thailand's programme joining the three themes. The LCRS index "
              "(0–100) is the mean of the three theme scores, each the mean of its scored cells of the "
              "Whole-Municipality matrix; a maturity level is given when the confidence is at least 0.5.")),
    "wma": (("เมทริกซ์ทั้งองค์กร (Whole-Municipality Approach)",
             "3 ด้าน (คาร์บอนต่ำ จักรยานและเดิน รู้สู้ภัย) × 4 มิติ (1 วิสัยทัศน์และนโยบาย 2 การจัดการภายในองค์กร "
             "3 งานประจำทุกกอง 4 โครงการกับชุมชน) = 12 ช่อง แต่ละช่องได้คะแนน 0–100 จากตัวชี้วัดของช่องนั้น"),
            ("Whole-Municipality matrix",
             "3 themes (low carbon, bike & walk, resilience) × 4 dimensions (1 vision and policy, 2 internal "
             "management, 3 routine services of every department, 4 projects with communities) = 12 cells, each "
             "scored 0–100 from its indicators.")),
    "asi": (("A-S-I — หลีกเลี่ยง ปรับเปลี่ยน ปรับปรุง",
             "การจัดกลุ่มมาตรการ: หลีกเลี่ยง (Avoid) ความจำเป็นในการเดินทางหรือใช้พลังงาน ปรับเปลี่ยน (Shift) ไปใช้"
             "ทางเลือกที่สะอาดกว่า เช่น เดิน จักรยาน ขนส่งสาธารณะ ปรับปรุง (Improve) ประสิทธิภาพของสิ่งที่ยังใช้อยู่"),
            ("A-S-I — Avoid, Shift, Improve",
             "How actions are grouped: Avoid the need to travel or consume, Shift to cleaner options (walking, "
             "cycling, transit), Improve the efficiency of what remains.")),
    "undrr": (("UNDRR — เมืองรู้สู้ภัยพิบัติ",
               "สำนักงานลดความเสี่ยงจากภัยพิบัติแห่งสหประชาชาติ คะแนนรู้สู้ภัยมาจากแบบประเมินตนเองของแคมเปญ "
               "Making Cities Resilient (10 ข้อสำคัญ) รวมถึงความล่อแหลม (exposure) ต่อภัย"),
              ("UNDRR — disaster resilience",
               "The UN Office for Disaster Risk Reduction. The resilience score comes from the self-assessment of "
               "its Making Cities Resilient campaign (the Ten Essentials), including exposure to hazards.")),
}
GLOSSARY = tuple(_TERMS)

STRINGS = {f"gloss.{k}.term": (th[0], en[0]) for k, (th, en) in _TERMS.items()}
STRINGS |= {f"gloss.{k}.text": (th[1], en[1]) for k, (th, en) in _TERMS.items()}
STRINGS |= {
    "gloss.title": ("คำศัพท์", "Glossary"),
    "help.cfo": (_TERMS["cfo"][0][1], _TERMS["cfo"][1][1]),
    "help.reduction": (_TERMS["base_year"][0][1], _TERMS["base_year"][1][1]),
    "help.award": (_TERMS["award"][0][1], _TERMS["award"][1][1]),
    "help.per_capita": ("CFO รวมหารด้วยจำนวนประชากรตามทะเบียนราษฎร (CFO ต่อประชากร)",
                        "CFO total divided by the registered population (CFO per person)."),
    "help.lcrs": (_TERMS["lcrs"][0][1], _TERMS["lcrs"][1][1]),
    "help.wma": (_TERMS["wma"][0][1], _TERMS["wma"][1][1]),
    "help.basic": (_TERMS["basic"][0][1], _TERMS["basic"][1][1]),
    "help.ccf": (_TERMS["ccf"][0][1] + " · " + _TERMS["basic"][0][1],
                 _TERMS["ccf"][1][1] + " · " + _TERMS["basic"][1][1]),
    "help.gpc": (_TERMS["gpc"][0][1], _TERMS["gpc"][1][1]),
    "help.scope1": ("ประเภทที่ 1: การปล่อยโดยตรงจากการเผาไหม้แบบอยู่กับที่และแบบเคลื่อนที่ และสารทำความเย็นรั่วไหล",
                    "Scope 1: direct emissions from stationary and mobile combustion and refrigerant leaks."),
    "help.scope2": ("ประเภทที่ 2: การใช้ไฟฟ้าที่ซื้อมา", "Scope 2: purchased electricity."),
    "help.scope3": ("ประเภทที่ 3: การปล่อยทางอ้อมอื่น ๆ เช่น น้ำประปา กระดาษ ขยะที่ส่งไปกำจัดที่อื่น",
                    "Scope 3: other indirect emissions such as tap water, paper and waste disposed of elsewhere."),
    "help.asi": (_TERMS["asi"][0][1], _TERMS["asi"][1][1]),
    "help.undrr": (_TERMS["undrr"][0][1], _TERMS["undrr"][1][1]),
    "help.tco2e": (_TERMS["tco2e"][0][1], _TERMS["tco2e"][1][1]),
    "help.scopes": (_TERMS["scopes"][0][1], _TERMS["scopes"][1][1]),
    "help.ef": (_TERMS["ef"][0][1], _TERMS["ef"][1][1]),
}
