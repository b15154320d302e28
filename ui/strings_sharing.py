"""Labels of downloads and exports: chart data, the network report and the full export for mentors and admins."""

STRINGS = {
    "download.csv": ("CSV", "CSV"),
    "download.xlsx": ("Excel", "Excel"),
    "download.col.name": ("ชื่อ", "Name"),
    "download.col.code": ("รหัส อปท.", "LAO code"),
    "download.col.year": ("ปี (ค.ศ.)", "Year (CE)"),
    "download.col.year_be": ("ปี (พ.ศ.)", "Year (BE)"),
    "download.col.value": ("ค่า", "Value"),
    "download.col.count": ("จำนวน", "Count"),
    "download.col.role": ("บทบาท", "Role"),
    "download.col.type": ("ประเภท", "Type"),
    "download.col.lat": ("ละติจูด", "Latitude"),
    "download.col.lon": ("ลองจิจูด", "Longitude"),
    "exports.title": ("รายงานเครือข่ายและการส่งออกข้อมูล", "Network report and data export"),
    "exports.help": ("สำหรับพี่เลี้ยงและผู้ดูแลระบบ: รายงานเครือข่ายทุกเมืองต้นแบบและเมืองถอดแบบ และสำเนาข้อมูลทั้งหมด"
                     " (สร้างฐานข้อมูลใหม่ได้ด้วยคำสั่ง restore)",
                     "For mentors and admins: the network report of every pilot and replicating city, and a full "
                     "copy of the data (rebuilds the database with the restore command)"),
    "exports.year": ("ปีของรายงาน", "Report year"),
    "exports.approval": ("เพิ่มช่องลงนามผู้จัดทำ/ผู้ตรวจสอบ", "Add a sign-off block (prepared / reviewed by)"),
    "exports.prepare_pdf": ("สร้างรายงานเครือข่าย (PDF)", "Make the network report (PDF)"),
    "exports.prepare_xlsx": ("สร้างรายงานเครือข่าย (Excel)", "Make the network report (Excel)"),
    "exports.prepare_full": ("สร้างไฟล์ส่งออกทั้งหมด (Excel)", "Make the full export (Excel)"),
    "exports.download": ("ดาวน์โหลด {name}", "Download {name}"),
    "exports.making": ("กำลังสร้างไฟล์…", "Making the file…"),
}
