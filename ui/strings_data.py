"""Labels of the editors' data page (pages/data_admin.py)."""
STRINGS = {
    "data.title": ("นำเข้าและจัดการข้อมูล", "Data import and management"),
    "data.source": ("ไฟล์ที่ผู้แก้ไขนำเข้า (ประวัติด้านล่าง)", "Files imported by editors (history below)"),
    "data.intro": ("ดาวน์โหลดแม่แบบ กรอกข้อมูลของเทศบาล แล้วอัปโหลดเพื่อตรวจสอบก่อนบันทึก "
                   "ระบบจะนำเข้าทั้งไฟล์หรือไม่นำเข้าเลย และยกเลิกชุดนำเข้าได้ภายหลัง",
                   "Download a template, fill in your municipality's figures, then upload it to check it before "
                   "saving. A file is imported whole or not at all, and a batch can be rolled back later."),
    "data.templates": ("แม่แบบนำเข้าข้อมูล", "Import templates"),
    "data.templates_help": ("แม่แบบ Excel มีแผ่นงานคำอธิบาย (notes) และรายการให้เลือก (lists) "
                            "แบบ CSV มีเฉพาะหัวตาราง", "The Excel templates include a notes sheet and drop-down "
                            "lists; the CSV variant holds only the header row."),
    "data.kind.municipalities": ("ข้อมูล อปท.", "Municipalities"),
    "data.kind.activities": ("ข้อมูลกิจกรรม (CFO/CCF)", "Activity data (CFO/CCF)"),
    "data.kind.indicators": ("ค่าตัวชี้วัด", "Indicator values"),
    "data.kind.actions": ("มาตรการ/โครงการ (A-S-I)", "Actions (A-S-I)"),
    "data.kind.scorecard": ("แบบประเมิน UNDRR", "UNDRR scorecard"),
    "data.download_xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "data.download_csv": ("CSV", "CSV"),
    "data.download_wide": ("Excel รายเดือนแนวกว้าง (แบบ อบก.)", "Excel wide monthly (TGO layout)"),
    "data.guide_link": ("ขั้นตอนทั้งหมดอยู่ใน[คู่มือการนำเข้าข้อมูล](#{anchor})",
                        "Every step is in [the import guide](#{anchor})."),
    "data.guide_heading": ("คู่มือการนำเข้าข้อมูล", "The import guide"),
    "data.valid_demo": ("ไฟล์ถูกต้อง: {rows} แถว ระบบสาธิตนี้ไม่บันทึกข้อมูลจริง ให้ส่งไฟล์ที่ตรวจแล้วนี้ให้ผู้ดูแลระบบ"
                        "ของเครือข่ายนำเข้าในระบบที่ใช้ฐานข้อมูลจริง (ดูกรอบด้านบน)",
                        "The file is valid: {rows} rows. This demo system does not save real data: send the "
                        "checked file to the network's administrator to import into the system with the real "
                        "database (see the box above)."),
    "data.demo_admin_title": ("สำหรับผู้ดูแลระบบ: ตั้งระบบที่ใช้ข้อมูลจริง", "For the administrator: set up the "
                              "system with real data"),
    "data.demo_admin": ("ผู้ดูแลระบบทำบนเครื่องแม่ข่าย (เจ้าหน้าที่เทศบาลไม่ต้องทำ):\n\n"
                        "1. สร้างฐานข้อมูลใหม่: `python -m data init --db real.duckdb`\n"
                        "2. นำเข้าไฟล์ อปท. ก่อน แล้วจึงไฟล์ที่ตรวจแล้ว: `python -m data import FILE --kind KIND --db real.duckdb`\n"
                        "3. สร้างบัญชีผู้แก้ไขให้เจ้าหน้าที่: `python -m data users add NAME --role editor "
                        "--municipality CODE --password-stdin --db real.duckdb`\n"
                        "4. ตั้ง `LCRS_DB=real.duckdb` แล้วเริ่มแอปใหม่",
                        "Done by the administrator on the server (not by a municipal officer):\n\n"
                        "1. Create a new database: `python -m data init --db real.duckdb`\n"
                        "2. Import the municipalities file first, then the checked file: `python -m data import FILE --kind KIND "
                        "--db real.duckdb`\n"
                        "3. Give the officer an editor account: `python -m data users add NAME --role editor "
                        "--municipality CODE --password-stdin --db real.duckdb`\n"
                        "4. Set `LCRS_DB=real.duckdb` and restart the app."),
    "data.status.demo": ("ฐานข้อมูลนี้เป็นข้อมูลสาธิต (สังเคราะห์): ตรวจไฟล์ได้ แต่จะไม่บันทึกข้อมูลจริงปนกับข้อมูลสาธิต",
                         "This database holds the synthetic demo set: files can be checked, but real data is never "
                         "saved into it."),
    "data.status.real": ("ฐานข้อมูลนี้เก็บข้อมูลจริงที่นำเข้า", "This database holds imported real data."),
    "data.status.fresh": ("ฐานข้อมูลใหม่ ยังไม่มีข้อมูล", "A new database with no data yet."),
    "data.editing": ("แก้ไขข้อมูล (สำหรับผู้ได้รับสิทธิ์)", "Editing (authorised editors)"),
    "data.kind": ("ประเภทข้อมูล", "Kind of data"),
    "data.upload": ("อัปโหลดไฟล์ (.xlsx หรือ .csv)", "Upload a file (.xlsx or .csv)"),
    "data.upload_limit": ("ขนาดไม่เกิน {mb} MB", "At most {mb} MB"),
    "data.replace": ("แทนที่แถวที่มีอยู่แล้ว (ยกเลิกชุดนำเข้าเพื่อคืนค่าเดิมได้)",
                     "Replace rows already stored (rolling the batch back restores them)"),
    "data.check": ("ตรวจสอบไฟล์", "Check the file"),
    "data.preview": ("ตัวอย่างข้อมูล (แถวแรก ๆ)", "Preview (first rows)"),
    "data.problems": ("ปัญหาที่พบ: {n} รายการ ยังไม่ได้บันทึกข้อมูลใด", "{n} problem(s) found; nothing was saved."),
    "data.valid": ("ไฟล์ถูกต้อง: {rows} แถว พร้อมบันทึก", "The file is valid: {rows} rows ready to save."),
    "data.would_replace": ("จะแทนที่แถวเดิม {n} แถว", "{n} existing rows will be replaced."),
    "data.already": ("ไฟล์นี้นำเข้าแล้วเป็นชุดที่ {batch} ไม่มีการเปลี่ยนแปลง",
                     "This file is already imported as batch {batch}; nothing changed."),
    "data.phase.read": ("กำลังอ่านไฟล์…", "Reading the file…"),
    "data.phase.check": ("กำลังตรวจสอบข้อมูล…", "Checking the rows…"),
    "data.phase.compare": ("กำลังเทียบกับข้อมูลในฐานข้อมูล…", "Comparing with the stored data…"),
    "data.phase.save": ("กำลังบันทึก…", "Saving…"),
    "data.phase.done": ("ตรวจสอบเสร็จแล้ว", "Checked"),
    "data.saving": ("กำลังบันทึกเข้าฐานข้อมูล…", "Saving to the database…"),
    "data.commit": ("บันทึกเข้าฐานข้อมูล", "Save to the database"),
    "data.committed": ("บันทึกแล้ว: {rows} แถว เป็นชุดนำเข้าที่ {batch}", "Saved: {rows} rows as batch {batch}."),
    "data.history": ("ประวัติการนำเข้า", "Import history"),
    "data.no_batches": ("ยังไม่มีการนำเข้า", "No imports yet."),
    "data.rollback": ("ยกเลิกชุดนำเข้า", "Roll back a batch"),
    "data.rollback_pick": ("ชุดนำเข้าที่จะยกเลิก", "Batch to roll back"),
    "data.rollback_confirm": ("ยืนยัน: ลบข้อมูลทั้งหมดของชุดนี้", "Confirm: remove every row of this batch"),
    "data.rollback_do": ("ยกเลิกชุดนำเข้า", "Roll back"),
    "data.rolled_back": ("ยกเลิกชุดที่ {batch} แล้ว: ลบ {removed} แถว คืนแถวเดิม {restored} แถว",
                         "Batch {batch} rolled back: {removed} rows removed, {restored} replaced rows restored."),
    "data.col.file": ("ไฟล์", "File"),
    "data.col.sheet": ("แผ่นงาน", "Sheet"),
    "data.col.row": ("แถว", "Row"),
    "data.col.column": ("คอลัมน์", "Column"),
    "data.col.message": ("ปัญหา", "Problem"),
    "data.col.typed": ("ค่าที่กรอก", "As typed"),
    "data.col.fix": ("วิธีแก้", "How to fix"),
    "fix.general": ("แก้ในไฟล์ตามข้อความ แล้วอัปโหลดใหม่ (ดูคู่มือด้านบน)",
                    "Correct the file as the message says and upload it again (see the guide above)."),
    "fix.conflict": ("ข้อมูลนี้มีอยู่แล้ว: ลบแถวออก หรือเลือก “แทนที่แถวที่มีอยู่แล้ว” ถ้าตั้งใจแก้ตัวเลขเดิม",
                     "Already stored: delete the row, or tick “Replace rows already stored” if you mean to "
                     "correct the stored figure."),
    "fix.scope": ("บัญชีของคุณส่งข้อมูลได้เฉพาะ อปท. ของคุณ: ลบแถวนี้ หรือขอผู้ดูแลระบบเพิ่ม อปท. นี้ในบัญชี",
                  "Your account submits only its own municipalities: delete the row, or ask the administrator "
                  "to add this municipality to your account."),
    "fix.amount": ("ใส่ตัวเลขอย่างเดียว ไม่ใส่หน่วยหรือช่องว่าง ใช้จุดเป็นทศนิยม เช่น 12500.5",
                   "A number only, no unit or spaces, with a dot for decimals, e.g. 12500.5."),
    "fix.activity": ("เลือกรหัสกิจกรรมจากรายการในแม่แบบ Excel (แผ่นงาน lists) เช่น electricity_kwh",
                     "Pick the activity key from the Excel template's list (sheet “lists”), e.g. electricity_kwh."),
    "fix.unit": ("ใช้หน่วยของกิจกรรมนั้นตามแม่แบบ เช่น kWh สำหรับไฟฟ้า L สำหรับน้ำมัน",
                 "Use the activity's unit as in the template, e.g. kWh for electricity, L for fuel."),
    "fix.year": ("ปี ค.ศ. (เช่น 2024) หรือ พ.ศ. (เช่น 2567)", "A year in CE (e.g. 2024) or BE (e.g. 2567)."),
    "fix.month": ("เดือน 1–12 หรือเว้นว่างถ้าเป็นยอดทั้งปี", "Month 1–12, or empty for a whole-year figure."),
    "fix.municipality_code": ("รหัส อปท. ตามกรมส่งเสริมการปกครองท้องถิ่น ที่มีอยู่ในระบบแล้ว (ดูหน้าข้อมูลเทศบาล)",
                              "The LAO code (DLA) of a municipality already in the system (see the profile page)."),
    "fix.inventory": ("CFO (ขององค์กร) หรือ CCF (ระดับเมือง)", "CFO (organisation) or CCF (city)."),
    "fix.gpc_ref": ("เลขอ้างอิง GPC เช่น I.1.2 (ดูหน้าวิธีการคำนวณ)", "A GPC reference such as I.1.2 (see Methodology)."),
    "fix.data_quality": ("H (สูง) M (กลาง) หรือ L (ต่ำ)", "H (high), M (medium) or L (low)."),
    "fix.code": ("รหัส อปท. 7 หรือ 8 หลัก", "The LAO code, 7 or 8 digits."),
    "fix.type": ("nakhon, mueang, tambon, sao, pao หรือ special", "nakhon, mueang, tambon, sao, pao or special."),
    "fix.province_code": ("รหัสจังหวัด 2 หลักของกรมการปกครอง เช่น 14", "The 2-digit DOPA province code, e.g. 14."),
    "fix.population": ("จำนวนประชากรตามทะเบียนราษฎร เป็นจำนวนเต็ม", "The registered population, a whole number."),
    "fix.area_km2": ("พื้นที่ ตร.กม. เป็นตัวเลข", "The area in km², a number."),
    "fix.lat": ("ละติจูดในประเทศไทย (5.5–20.5) ใส่คู่กับลองจิจูด", "A latitude in Thailand (5.5–20.5), with a longitude."),
    "fix.lon": ("ลองจิจูดในประเทศไทย (97–106) ใส่คู่กับละติจูด", "A longitude in Thailand (97–106), with a latitude."),
    "fix.role": ("pilot (เมืองต้นแบบ) replicating (เมืองขยายผล) network หรือเว้นว่าง",
                 "pilot, replicating, network, or empty."),
    "fix.mentor_code": ("รหัสของเมืองต้นแบบที่เป็นพี่เลี้ยง", "The code of the mentoring pilot city."),
    "fix.base_year": ("ปีฐาน ค.ศ. หรือ พ.ศ.", "The base year, CE or BE."),
    "fix.indicator_code": ("รหัสตัวชี้วัดจากหน้าวิธีการคำนวณ (แท็บรายการตัวชี้วัด)",
                           "An indicator code from Methodology (indicator catalogue tab)."),
    "fix.value": ("ตัวเลขในหน่วยของตัวชี้วัด", "A number in the indicator's unit."),
    "fix.asi": ("avoid (หลีกเลี่ยง) shift (ปรับเปลี่ยน) หรือ improve (ปรับปรุง)", "avoid, shift or improve."),
    "fix.status": ("planned, ongoing, completed หรือ cancelled", "planned, ongoing, completed or cancelled."),
    "fix.theme": ("low_carbon, bike_walk หรือ resilience", "low_carbon, bike_walk or resilience."),
    "data.guide_title": ("คู่มือการนำเข้าข้อมูล (เปิดอ่าน)", "The import guide (open to read)"),
    "data.demo_path": ("ถ้าจะใส่ข้อมูลจริงของเทศบาล: ติดต่อผู้ดูแลระบบของเครือข่าย (เช่น เจ้าหน้าที่สันนิบาตเทศบาล) "
                       "เพื่อขอระบบที่ใช้ฐานข้อมูลจริงและบัญชีผู้แก้ไขข้อมูล ระหว่างนี้ดาวน์โหลดแม่แบบ กรอกข้อมูล "
                       "แล้วอัปโหลดที่นี่เพื่อตรวจว่าไฟล์ถูกต้อง ไฟล์ที่ผ่านการตรวจแล้วส่งให้ผู้ดูแลระบบนำเข้าได้ทันที",
                       "To enter your municipality's real figures: ask the network's administrator (e.g. the "
                       "Municipal League's officer) for the system with the real database and an editor account. "
                       "Meanwhile download a template, fill it in and upload it here to check it; a file that "
                       "passes the check can be handed to the administrator to import as it is."),
    "data.go_to_data": ("นำเข้าข้อมูลที่หน้าจัดการข้อมูล", "Import data on the data page"),
    "data.col.batch": ("ชุด", "Batch"),
    "data.col.kind": ("ประเภท", "Kind"),
    "data.col.rows": ("จำนวนแถว", "Rows"),
    "data.col.when": ("เวลา (เวลาประเทศไทย)", "Time (Thai time)"),
    "data.col.who": ("ผู้นำเข้า", "By"),
    "data.col.status": ("สถานะ", "Status"),
    "data.db_error": ("เปิดฐานข้อมูลไม่ได้", "The database cannot be opened"),
}
