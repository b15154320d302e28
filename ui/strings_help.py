"""Help of the KPIs and chart titles that the glossary does not cover word for word (``ui/strings_glossary.py``
holds the terms), and the words that make tables readable: department names, units of measurement, table
headers with their units."""

from indicators.asi import DEPARTMENTS

STRINGS = {
    # --- KPI and chart help ---------------------------------------------------------------------------------------
    "help.with_cfo": ("จำนวน อปท. ที่มีคาร์บอนฟุตพริ้นท์ขององค์กร (CFO) ในปีที่เลือก จาก อปท. ทั้งหมดในฐานข้อมูล",
                      "Municipalities with a Carbon Footprint for Organization (CFO) in the chosen year, out of "
                      "all municipalities in the database."),
    "help.cfo_network": ("ผลรวม CFO ของทุก อปท. ในปีที่เลือก หน่วยเป็นตันคาร์บอนไดออกไซด์เทียบเท่า (tCO₂eq) "
                         "เทียบกับปีก่อน",
                         "The sum of every municipality's CFO in the chosen year, in tonnes of CO₂ equivalent "
                         "(tCO₂e), compared with the year before."),
    "help.per_capita_median": ("ค่ากลาง (มัธยฐาน) ของ CFO ต่อประชากร ของ อปท. ที่มี CFO: ครึ่งหนึ่งต่ำกว่า "
                               "ครึ่งหนึ่งสูงกว่า ประชากรตามทะเบียนราษฎร",
                               "The median CFO per person over the municipalities with a CFO: half are below, half "
                               "above; registered population."),
    "help.award_count": ("จำนวน อปท. ที่ลดก๊าซเรือนกระจกได้อย่างน้อยร้อยละ 5 เทียบกับปีฐานจากการดำเนินงาน จาก อปท. "
                         "ที่เทียบกับปีฐานได้แบบรายการต่อรายการ",
                         "Municipalities that cut their emissions by at least 5 % against their base year "
                         "through their own actions, out of those comparable like for like with their base year."),
    "help.bike_km": ("ความยาวทางจักรยานที่ก่อสร้าง (กม.) จากมาตรการที่กำลังดำเนินการหรือเสร็จสิ้นแล้ว "
                     "ที่เริ่มภายในปีที่เลือก รวมทุก อปท.",
                     "Kilometres of bike lane built by actions under way or completed that started by the chosen "
                     "year, summed over every municipality."),
    "help.resilience_median": ("ค่ากลางของคะแนนด้านเมืองรู้สู้ภัยพิบัติ (0–100) ของ อปท. ที่มีหลักฐานพอ · ",
                               "Median resilience theme score (0–100) over the municipalities with enough "
                               "evidence · "),
    "help.roles": ("เมืองต้นแบบ (pilot) เริ่มโครงการ LCRS ก่อนและเป็นพี่เลี้ยงให้เมืองขยายผล (replicating) "
                   "สมาชิกเครือข่ายคือ อปท. อื่นที่ส่งข้อมูล ประเภท อปท.: เทศบาลนคร เทศบาลเมือง เทศบาลตำบล อบต. อบจ. "
                   "และ อปท. รูปแบบพิเศษ",
                   "Pilot cities started the LCRS programme first and mentor the replicating cities; network members "
                   "are other municipalities that report. Types: city, town and subdistrict municipalities, SAOs, "
                   "PAOs and special-status local governments."),
    "help.actions_count": ("จำนวนมาตรการในทะเบียนตามตัวกรองที่เลือก · ",
                           "Number of actions in the registry under the chosen filters · "),
    "help.expected": ("ปริมาณก๊าซเรือนกระจกที่มาตรการคาดว่าจะลดได้ต่อปี (tCO₂eq/ปี) ตามที่ อปท. รายงาน",
                      "Emissions the actions are expected to avoid each year (tCO₂e/yr), as the municipalities "
                      "report them."),
    "help.achieved": ("ปริมาณก๊าซเรือนกระจกที่ลดได้จริงต่อปี (tCO₂eq/ปี) จากมาตรการที่วัดผลแล้ว",
                      "Emissions the actions actually avoided each year (tCO₂e/yr), from actions whose result "
                      "was measured."),
    "help.cost_per_t": ("งบประมาณรวมหารด้วยปริมาณที่ลดได้จริงตลอดปีที่มีผล (บาทต่อตันคาร์บอนไดออกไซด์เทียบเท่า) "
                        "แสดง — เมื่อไม่มีมาตรการใดรายงานทั้งงบและผลที่ลดได้",
                        "Total budget divided by the emissions actually avoided over the years of effect (THB per "
                        "tCO₂e); — when no action reports both a budget and a result."),
    "help.gap": ("คะแนนของช่องในเมืองขยายผลลบด้วยคะแนนของช่องเดียวกันในเมืองต้นแบบ ค่าติดลบ = ตามหลังพี่เลี้ยง ช่องคือ 3 ด้าน × 4 มิติของเมทริกซ์ทั้งองค์กร",
                 "The replicating city's cell score minus the pilot's score in the same cell; negative = behind "
                 "its mentor. The cells are the 3 themes × 4 dimensions of the Whole-Municipality matrix."),
    "help.bike_length": ("ความยาวทางจักรยานที่ก่อสร้างภายในเขต อปท. (กม.) จากไฟล์เส้นทางที่อัปโหลด",
                         "Length of bike lane built inside the municipality (km), from the uploaded network file."),
    "help.bike_share_300": ("สัดส่วนประชากรที่อยู่ห่างทางจักรยานไม่เกิน 300 ม. จากไฟล์ประชากรที่อัปโหลด",
                            "Share of the population living within 300 m of a bike lane, from the uploaded "
                            "population file."),
    # --- table headers with units ----------------------------------------------------------------------------------
    "col.tco2e": ("ปริมาณการปล่อย (tCO₂eq)", "Emissions (tCO₂e)"),
    "col.share_pct": ("สัดส่วน (%)", "Share (%)"),
    "col.gpc_ref": ("เลขอ้างอิง GPC", "GPC reference"),
    "col.ef": ("ค่าการปล่อยก๊าซเรือนกระจก (kgCO₂eq ต่อหน่วย)", "Emission factor (kgCO₂e per unit)"),
    "col.rank": ("อันดับ", "Rank"),
    "col.code": ("รหัส อปท.", "LAO code"),
    "col.length_km": ("ความยาวทางจักรยานที่ก่อสร้าง (กม.)", "Bike lane built (km)"),
    "col.class": ("ประเภททาง", "Lane class"),
    "level.B": ("BASIC", "BASIC"),
    "level.B+": ("BASIC+", "BASIC+"),
    "level.T": ("เฉพาะในเขตพื้นที่ (ไม่นับใน BASIC)", "Territorial only (not in BASIC)"),
    "level.O": ("ประเภทที่ 3 อื่น ๆ (ไม่นับ)", "Other scope 3 (counted in neither)"),
    # --- units of measurement as stored in the database ------------------------------------------------------------
    "unitname.L": ("ลิตร", "L"),
    "unitname.kg": ("กก.", "kg"),
    "unitname.m3": ("ลบ.ม.", "m³"),
    "unitname.kWh": ("kWh (หน่วย)", "kWh"),
    "unitname.person-yr": ("คน-ปี", "person-year"),
    "unitname.head-yr": ("ตัว-ปี", "head-year"),
    "unitname.yes/no": ("มี/ไม่มี", "yes/no"),
    "unitname.%": ("%", "%"),
    "unitname.% of budget": ("% ของงบประมาณ", "% of budget"),
    "unitname.kgCO2e/person": ("kgCO₂eq ต่อคน", "kgCO₂e/person"),
    "unitname.% of procurement spend": ("% ของงบจัดซื้อจัดจ้าง", "% of procurement spend"),
    "unitname.bikes/100 staff": ("คัน ต่อพนักงาน 100 คน", "bikes/100 staff"),
    "unitname.km/10,000 people": ("กม. ต่อประชากร 10,000 คน", "km/10,000 people"),
    "unitname.events/yr": ("ครั้ง/ปี", "events/yr"),
    "unitname.% of trips": ("% ของการเดินทาง", "% of trips"),
    "unitname.% of maximum": ("% ของคะแนนเต็ม", "% of maximum"),
    "unitname.% of facilities": ("% ของสถานที่", "% of facilities"),
    "unitname.% of area": ("% ของพื้นที่", "% of area"),
    "unitname.% of collected MSW": ("% ของขยะมูลฝอยที่เก็บขน", "% of collected MSW"),
    "unitname.% of households": ("% ของครัวเรือน", "% of households"),
    "unitname.projects/yr": ("โครงการ/ปี", "projects/yr"),
    "unitname.% of staff": ("% ของพนักงาน", "% of staff"),
    "unitname.% of residents": ("% ของประชากร", "% of residents"),
    "unitname.spaces/1,000 people": ("ที่จอด ต่อประชากร 1,000 คน", "spaces/1,000 people"),
    "unitname.per 100,000/yr": ("ต่อประชากร 100,000 คน/ปี", "per 100,000/yr"),
    "unitname.% of schools": ("% ของโรงเรียน", "% of schools"),
    "unitname.drills/yr": ("ครั้งการซ้อม/ปี", "drills/yr"),
    "unitname.% of communities": ("% ของชุมชน", "% of communities"),
}
STRINGS |= {f"dept.{k}": v for k, v in DEPARTMENTS.items()}
