"""Labels of signing in (ui/auth.py) and of the submissions and review page (pages/review.py)."""
STRINGS = {
    "auth.name": ("ชื่อบัญชี", "Account name"),
    "auth.password": ("รหัสผ่าน", "Password"),
    "auth.sign_in": ("เข้าสู่ระบบ", "Sign in"),
    "auth.sign_out": ("ออกจากระบบ", "Sign out"),
    "auth.lockout_rule": ("ใส่รหัสผ่านผิด {n} ครั้งติดกัน บัญชีจะถูกล็อก {minutes} นาที · ไม่ได้ใช้งาน {hours} ชั่วโมง "
                          "ระบบจะออกจากระบบให้อัตโนมัติ · ประชาชนทั่วไปดูข้อมูลที่เผยแพร่แล้วได้โดยไม่ต้องเข้าสู่ระบบ",
                          "After {n} failed sign-ins in a row the account is locked for {minutes} minutes · a "
                          "session idle for {hours} hours is signed out · the public reads published figures "
                          "without signing in."),
    "auth.expired": ("ไม่ได้ใช้งานนานเกิน 8 ชั่วโมง ระบบออกจากระบบให้แล้ว กรุณาเข้าสู่ระบบอีกครั้ง",
                     "Your session was idle for more than 8 hours and has been signed out. Please sign in again."),
    "auth.not_ready": ("ฐานข้อมูลนี้ยังไม่มีตารางบัญชีผู้ใช้ ให้รัน python -m data init เพื่อปรับโครงสร้าง",
                       "This database has no accounts tables yet; run python -m data init to migrate it."),
    "auth.no_admin": ("ยังไม่มีบัญชีผู้ดูแลระบบ ให้ผู้ดูแลเซิร์ฟเวอร์สร้างบัญชีด้วยคำสั่งด้านล่าง (ระบบจะถามรหัสผ่านทาง "
                      "standard input) แล้วสร้างบัญชีพี่เลี้ยงและผู้แก้ไขข้อมูลต่อ",
                      "No administrator account yet. On the server, create one with the command below (it reads "
                      "the password from standard input), then add the mentors' and editors' accounts."),
    "auth.signed_in_as": ("เข้าสู่ระบบเป็น {name} ({role})", "Signed in as {name} ({role})"),
    "auth.role.admin": ("ผู้ดูแลระบบ", "administrator"),
    "auth.role.mentor": ("พี่เลี้ยง", "mentor"),
    "auth.role.editor": ("ผู้แก้ไขข้อมูล", "editor"),
    "auth.include_unpublished": ("รวมข้อมูลของฉันที่ยังไม่เผยแพร่", "Include my unpublished data"),
    "auth.include_unpublished_help": ("แสดงตัวเลขที่รวมชุดข้อมูลที่ส่งแล้วแต่ยังไม่ผ่านการตรวจ (เฉพาะหน้าจอของคุณ "
                                      "ประชาชนไม่เห็น)", "Figures include submitted batches not yet reviewed (only "
                                      "in your session; the public never sees them)."),
    "auth.unpublished_banner": ("ตัวเลขในหน้านี้รวมข้อมูลที่ยังไม่เผยแพร่ (ชุดข้อมูล {batches}) ยังไม่ผ่านการตรวจ "
                                "ห้ามนำไปอ้างอิง", "Figures on this page include unpublished data (batches "
                                "{batches}), not yet reviewed: do not quote them."),
    "page.review": ("ส่งและตรวจข้อมูล", "Submissions and review"),
    "review.source": ("ชุดข้อมูลที่ผู้แก้ไขข้อมูลส่ง และการตรวจของพี่เลี้ยง", "Batches submitted by editors and "
                      "their review by mentors"),
    "review.intro": ("ผู้แก้ไขข้อมูลของเทศบาลส่งข้อมูลเป็นชุด พี่เลี้ยงหรือผู้ดูแลระบบตรวจแล้วจึงเผยแพร่ "
                     "ประชาชนเห็นเฉพาะตัวเลขที่เผยแพร่แล้ว",
                     "Municipal editors submit data as batches; a mentor or an administrator reviews each one "
                     "before it is published. The public sees published figures only."),
    "review.sign_in": ("เข้าสู่ระบบสำหรับเจ้าหน้าที่", "Sign in (officers and mentors)"),
    "review.queue": ("รอการตรวจ", "Waiting for your review"),
    "review.queue_empty": ("ไม่มีชุดข้อมูลรอการตรวจ", "Nothing waits for your review."),
    "review.batch_label": ("ชุดที่ {id} · {kind} · {user} · อปท. {codes} · {rows} แถว · {created}",
                           "Batch {id} · {kind} · {user} · municipalities {codes} · {rows} rows · {created}"),
    "review.changes": ("ผลต่อยอดรวมของเทศบาล (ก่อน → หลังเผยแพร่)",
                       "Change to the municipality's totals (before → after publishing)"),
    "review.rows": ("แถวในชุดข้อมูล", "Rows of the batch"),
    "review.approve": ("อนุมัติและเผยแพร่", "Approve and publish"),
    "review.comment": ("ความเห็นถึงผู้ส่ง (จำเป็นเมื่อส่งกลับ)", "Comment for the officer (required to return)"),
    "review.return": ("ส่งกลับให้แก้ไข", "Return for correction"),
    "review.published": ("เผยแพร่ชุดข้อมูล {id} แล้ว", "Batch {id} published."),
    "review.returned": ("ส่งชุดข้อมูล {id} กลับแล้ว", "Batch {id} returned."),
    "review.col.code": ("รหัส อปท.", "Municipality"),
    "review.col.year": ("ปี", "Year"),
    "review.col.figure": ("ตัวเลข", "Figure"),
    "review.col.before": ("ก่อน", "Before"),
    "review.col.after": ("หลัง", "After"),
    "review.col.change": ("ก่อน → หลัง", "Before → after"),
    "review.figure.cfo_total": ("CFO รวม (tCO₂eq)", "CFO total (tCO2e)"),
    "review.figure.ccf_basic": ("CCF BASIC (tCO₂eq)", "CCF BASIC (tCO2e)"),
    "review.figure.wma_overall": ("คะแนนทั้งเทศบาล (WMA)", "Whole-municipality score (WMA)"),
    "review.none": ("ไม่มีข้อมูล", "no data"),
    "review.mine": ("ชุดข้อมูลที่ฉันส่ง", "My submissions"),
    "review.mine_empty": ("ยังไม่ได้ส่งชุดข้อมูล", "You have not submitted any batch yet."),
    "review.col.batch": ("ชุด", "Batch"),
    "review.col.kind": ("ประเภท", "Kind"),
    "review.col.file": ("ไฟล์", "File"),
    "review.col.rows": ("แถว", "Rows"),
    "review.col.status": ("สถานะ", "Status"),
    "review.col.reviewer": ("ผู้ตรวจ", "Reviewed by"),
    "review.col.comment": ("ความเห็นผู้ตรวจ", "Reviewer's comment"),
    "review.status.submitted": ("รอตรวจ", "submitted"),
    "review.status.published": ("เผยแพร่แล้ว", "published"),
    "review.status.returned": ("ส่งกลับให้แก้ไข", "returned"),
    "review.status.rolled_back": ("ยกเลิกแล้ว", "rolled back"),
    "review.returned_note": ("ชุดข้อมูล {id} ถูกส่งกลับโดย {who}: {comment}", "Batch {id} was returned by {who}: "
                             "{comment}"),
    "review.fix": ("แก้ไขค่าในตาราง", "Fix a value in place"),
    "review.fix_help": ("แก้ไขค่าที่เผยแพร่แล้วของเทศบาลของคุณ ระบบตรวจเหมือนการนำเข้าไฟล์ และส่งเป็นชุดข้อมูลใหม่ "
                        "ให้พี่เลี้ยงตรวจ", "Correct your municipality's published activity rows: checked like an "
                        "import file and submitted as a batch of its own for review."),
    "review.fix_municipality": ("เทศบาล", "Municipality"),
    "review.fix_year": ("ปี", "Year"),
    "review.fix_none": ("ไม่มีข้อมูลกิจกรรมที่เผยแพร่แล้วสำหรับปีนี้", "No published activity rows for this year."),
    "review.fix_submit": ("ส่งการแก้ไขเพื่อตรวจ", "Submit the corrections for review"),
    "review.fix_nothing": ("ยังไม่ได้แก้ไขค่าใด", "Nothing was changed."),
    "review.submitted": ("ส่งชุดข้อมูล {id} ({rows} แถว) เพื่อตรวจแล้ว ประชาชนจะเห็นเมื่อเผยแพร่",
                         "Batch {id} ({rows} rows) submitted for review; the public sees it once published."),
    "review.submit": ("ส่งให้พี่เลี้ยงตรวจ", "Submit for review"),
    "review.problems": ("ไม่ได้ส่ง: พบปัญหา {n} รายการ", "Not submitted: {n} problem(s)"),
    "review.no_rights": ("บัญชีนี้ไม่มีสิทธิ์ตรวจหรือส่งข้อมูล", "This account has nothing to submit or review here."),
    "review.audit": ("บันทึกการเปลี่ยนแปลง (ล่าสุด)", "Audit log (latest)"),
}
