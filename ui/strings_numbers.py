"""Strings of the figures that say when they cannot be trusted: like-for-like reduction, index evidence,
BASIC completeness, BAU and target, per-person figures, landfill history."""

STRINGS = {
    # like-for-like reduction: why a year is not comparable (fields {cat}, {base}, {year}, {months})
    "reduction.reason.missing_this_year": ("{cat}: มีในปีฐาน {base} แต่ไม่มีในปี {year}",
                                           "{cat}: reported in base year {base}, not in {year}"),
    "reduction.reason.months_missing": ("{cat}: เดือน {months} ของปีฐาน {base} ไม่มีในปี {year}",
                                        "{cat}: months {months} of base year {base} not reported in {year}"),
    "reduction.reason.months_unmatched": ("{cat}: ตัวเลขรายปีเทียบกับข้อมูลไม่ครบปีไม่ได้",
                                          "{cat}: an annual figure cannot be compared with part of a year"),
    "reduction.reason.no_base_year": ("ยังไม่ได้กำหนดปีฐาน", "no base year set"),
    "reduction.reason.no_base_cfo": ("ไม่มีข้อมูล CFO ในปีฐาน {base}", "no CFO in base year {base}"),
    "reduction.reason.no_cfo": ("ไม่มีข้อมูล CFO ในปี {year}", "no CFO in {year}"),
    "reduction.reason.before_base": ("{year} อยู่ก่อนปีฐาน {base}", "{year} is before base year {base}"),
    "reduction.reason.nothing_comparable": ("ไม่มีหมวดที่รายงานทั้งปี {base} และ {year}",
                                            "no category reported in both {base} and {year}"),
    "reduction.not_comparable": ("เทียบไม่ได้", "Not comparable"),
    "reduction.nc_short": ("เทียบไม่ได้", "not comparable"),
    "reduction.split": ("จากการดำเนินงาน {act} · จากค่าการปล่อยที่เปลี่ยน (ไฟฟ้า) {fac}",
                        "from your actions {act} · from the grid factor {fac}"),
    "reduction.actions": ("จากการดำเนินงาน", "From your actions"),
    "reduction.factor": ("จากค่าการปล่อย (ไฟฟ้า)", "From the grid factor"),
    "reduction.like_for_like": ("เทียบเฉพาะหมวดและเดือนที่รายงานทั้งสองปี; รางวัลนับเฉพาะส่วนที่ลดจากการดำเนินงาน "
                                "(ค่าการปล่อยคงที่ที่ค่าปีฐาน) ≥ 5%",
                                "Compared over the categories and months both years report; the award counts "
                                "only the cut from your actions (factors held at base-year values) ≥ 5 %"),
    "reduction.award_note": ("นับเฉพาะปีที่เทียบกับปีฐานได้และลดจากการดำเนินงาน ≥ 5%; {n} อปท. เทียบไม่ได้",
                             "only comparable years with ≥ 5 % cut from actions count; {n} LAOs not comparable"),
    "effect.title": ("ที่มาของการเปลี่ยนแปลง แยกตามหมวด", "Where the change comes from, by category"),
    "effect.base_t": ("ปีฐาน (tCO₂eq)", "Base year (tCO2e)"),
    "effect.year_t": ("ปีนี้ (tCO₂eq)", "This year (tCO2e)"),
    "effect.change_t": ("เปลี่ยนแปลง (tCO₂eq)", "Change (tCO2e)"),
    "effect.activity_t": ("จากการดำเนินงาน (tCO₂eq)", "From actions (tCO2e)"),
    "effect.factor_t": ("จากค่าการปล่อย (tCO₂eq)", "From factors (tCO2e)"),
    "effect.status": ("สถานะ", "Status"),
    "effect.status.compared": ("เทียบได้", "compared"),
    "effect.status.missing_this_year": ("ไม่มีในปีนี้", "missing this year"),
    "effect.status.months_missing": ("เดือนไม่ครบ", "months missing"),
    "effect.status.months_unmatched": ("รายปี/รายเดือนไม่ตรงกัน", "annual vs monthly"),
    "effect.status.new_this_year": ("ใหม่ในปีนี้ (ไม่นำมาเทียบ)", "new this year (left out)"),
    # an index that says when it does not know
    "evidence.not_enough": ("หลักฐานไม่พอ ({n} จาก 12 ช่อง)", "not enough evidence ({n} of 12 cells)"),
    "evidence.confidence": ("ความเชื่อมั่น {pct}", "confidence {pct}"),
    "evidence.over_enough": ("จาก {n} จาก {total} อปท. ที่มีหลักฐานพอ (ความเชื่อมั่น ≥ 50%)",
                        "over {n} of {total} LAOs with enough evidence (confidence ≥ 50 %)"),
    # complete inventories
    "basic.incomplete": ("ไม่ครบ: {n} รายการ BASIC ไม่มีทั้งตัวเลขและรหัสอธิบาย ({refs})",
                       "incomplete: {n} BASIC rows have neither a figure nor a notation key ({refs})"),
    "basic.complete": ("ครบทุกรายการ BASIC (ตัวเลขหรือรหัสอธิบาย)", "every BASIC row has a figure or a notation key"),
    "basic.completeness": ("ความครบถ้วนระดับ BASIC", "BASIC completeness"),
    "basic.incomplete_short": ("ไม่ครบ", "incomplete"),
    # BAU and target
    "outlook.target_met": ("บรรลุเป้าหมายแล้ว: ปีล่าสุดต่ำกว่าเป้าหมาย", "Target met: the latest year is below the target"),
    "outlook.bau.pre_base_trend": ("แนวโน้มก่อนปีฐาน", "trend of the years before the base year"),
    "outlook.bau.population_growth": ("การเติบโตของประชากร", "population growth"),
    "outlook.bau.flat_no_trend": ("คงที่ (ไม่มีปีก่อนปีฐานหรือข้อมูลประชากร)",
                                 "flat (no years before the base year and no population series)"),
    # per person
    "percap.s12": ("CFO ประเภทที่ 1+2 ต่อประชากร", "CFO scopes 1+2 per person"),
    "percap.landfill": ("ขยะฝังกลบต่อคน (แสดงแยก)", "Landfill per person (shown apart)"),
    # A-S-I definitions (methodology page)
    "asidef.title": ("ความหมายของ A-S-I (ใช้กับมาตรการลดก๊าซเรือนกระจก)",
                     "What A-S-I means (for mitigation actions)"),
    "asidef.avoid": ("**หลีกเลี่ยง (Avoid)** — ลดความจำเป็นของกิจกรรม: กิจกรรมที่ปล่อยก๊าซไม่เกิดขึ้น เช่น ลดขยะ ลดการเดินทาง "
                     "ปิดไฟเมื่อไม่ใช้",
                     "**Avoid** — less need for the activity: the emitting activity does not happen (less waste, "
                     "fewer trips, lights off when not needed)"),
    "asidef.shift": ("**ปรับเปลี่ยน (Shift)** — เปลี่ยนไปใช้รูปแบบหรือแหล่งที่ปล่อยก๊าซน้อยกว่า เช่น ปั่นจักรยานแทนขับรถ "
                     "โซลาร์รูฟแทนไฟฟ้าจากสายส่ง หมักปุ๋ยแทนฝังกลบ",
                     "**Shift** — to a lower-carbon mode or source (cycling instead of driving, rooftop solar "
                     "instead of grid power, composting instead of landfill)"),
    "asidef.improve": ("**ปรับปรุง (Improve)** — ทำกิจกรรมเดิมด้วยประสิทธิภาพสูงขึ้น เช่น ไฟถนน LED เครื่องปรับอากาศประหยัดไฟ "
                       "รถเก็บขยะ CNG",
                       "**Improve** — the same activity, more efficient (LED street lights, efficient air "
                       "conditioners, CNG trucks)"),
    "asidef.resilience": ("มาตรการด้านรู้สู้ภัยพิบัติไม่ใช่การลดก๊าซเรือนกระจก จึงไม่จัดเป็น A-S-I แต่จัดตาม 10 ประการของ UNDRR",
                          "Resilience actions are not mitigation: they are not classified as A-S-I but by the "
                          "UNDRR Ten Essentials"),
    # landfill
    "landfill.estimated_history": ("ประวัติการฝังกลบ {n} ปีก่อนข้อมูลแรกเป็นค่าประมาณ (IPCC 2006 เล่ม 5 §3.2.2)",
                                   "{n} years of disposal before the first record are estimated history "
                                   "(IPCC 2006 Vol.5 §3.2.2)"),
}
