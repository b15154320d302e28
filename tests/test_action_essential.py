"""Migration 006: A-S-I only for mitigation actions, UNDRR essential for resilience actions."""
from __future__ import annotations

import duckdb
import pytest

from data.store import action_essential, db

V5_ROWS = [
    # action_id, code, title_th, title_en, theme, dimension, asi, status, start, achieved, batch
    ("A1", "T", "เปลี่ยนไฟถนนเป็นหลอด LED", "LED street-light retrofit", "low_carbon", 3, "improve", "ongoing",
     2021, 12.5, 7),
    ("A2", "T", "ทางจักรยานรอบเมือง", None, "bike_walk", 4, "shift", "completed", 2020, None, 7),
    ("R1", "T", "ระบบเตือนภัยน้ำท่วมล่วงหน้า", "Flood early-warning system", "resilience", 3, "improve",
     "ongoing", 2022, None, 7),
    ("R2", "T", "แผนที่เสี่ยงภัยระดับชุมชน", None, "resilience", 4, "avoid", "planned", 2023, None, 7),
    ("R3", "T", "โครงการพิเศษ", "Special project", "resilience", 1, "avoid", "planned", 2023, None, 7),
]


def _v5_database(path):
    con = db.connect(path)
    db.migrate(con, up_to=5)
    assert db.stored_schema_version(con) == 5
    con.executemany(
        "INSERT INTO action (action_id, municipality_code, title_th, title_en, theme, dimension, asi, status, "
        "start_year, achieved_tco2e, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", V5_ROWS)
    return con


def test_a_version_5_database_upgrades_and_keeps_every_row(tmp_path):
    con = _v5_database(tmp_path / "v5.duckdb")
    assert db.migrate(con) == ["006_action_undrr_essential"]
    assert db.stored_schema_version(con) == 6
    got = con.execute("SELECT action_id, asi, undrr_essential, title_th, status, start_year, achieved_tco2e, "
                      "batch_id FROM action ORDER BY action_id").fetchall()
    assert got == [
        ("A1", "improve", None, "เปลี่ยนไฟถนนเป็นหลอด LED", "ongoing", 2021, 12.5, 7),  # mitigation unchanged
        ("A2", "shift", None, "ทางจักรยานรอบเมือง", "completed", 2020, None, 7),
        ("R1", None, 9, "ระบบเตือนภัยน้ำท่วมล่วงหน้า", "ongoing", 2022, None, 7),      # "เตือนภัย" → 9
        ("R2", None, 2, "แผนที่เสี่ยงภัยระดับชุมชน", "planned", 2023, None, 7),          # risk map → 2, not "แผน" → 1
        ("R3", None, 1, "โครงการพิเศษ", "planned", 2023, None, 7),                     # no rule matches → 1
    ]


def test_the_rule_is_enforced_by_the_table(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    db.migrate(con)
    insert = ("INSERT INTO action (action_id, municipality_code, title_th, theme, dimension, asi, undrr_essential, "
              "status, start_year) VALUES (?, 'T', 'x', ?, 1, ?, ?, 'planned', 2024)")
    con.execute(insert, ["ok1", "low_carbon", "avoid", None])
    con.execute(insert, ["ok2", "resilience", None, 10])
    for bad in (["b1", "resilience", "avoid", None],      # resilience forced into A-S-I
                ["b2", "resilience", "avoid", 3],         # both
                ["b3", "bike_walk", None, 3],             # mitigation with an essential
                ["b4", "low_carbon", None, None],         # mitigation without A-S-I
                ["b5", "resilience", None, 11]):          # not one of the ten
        with pytest.raises(duckdb.ConstraintException):
            con.execute(insert, bad)
    assert con.execute("SELECT count(*) FROM action").fetchone()[0] == 2


@pytest.mark.parametrize("th, en, essential", [
    ("ฟื้นฟูป่าชายเลนและพื้นที่ชุ่มน้ำ", "Mangrove and wetland restoration", 5),
    ("ขุดลอกคูคลองและแก้มลิง", None, 8),
    ("ทบทวนแผนป้องกันและบรรเทาสาธารณภัย", None, 1),
    ("ฝึกอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)", None, 7),   # volunteers (7) before training (6)
    ("", "Disaster insurance fund", 3),
])
def test_keyword_rules(th, en, essential):
    assert action_essential.essential_from_title(th, en) == essential


# --- import of the actions kind -----------------------------------------------------------------------------

HEAD = "action_id,municipality_code,title_th,theme,dimension,asi,undrr_essential,status,start_year\n"


def _imported(tmp_path, body: str, name="actions.csv"):
    from tests.helpers.import_db import make_db
    from data.write.importer import import_file
    con = make_db(tmp_path / "i.duckdb")
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return con, import_file(con, path, None, "actions", "test")


def test_import_accepts_an_essential_for_resilience_and_asi_for_mitigation(tmp_path):
    con, r = _imported(tmp_path, "A1,1401101,ไฟถนน LED,low_carbon,3,ปรับปรุง,,ongoing,2567\n"
                                 "R1,1401101,ระบบเตือนภัยน้ำท่วม,เมืองรู้สู้ภัยพิบัติ,3,,9,ongoing,2567\n")
    assert r.ok, r.problems
    assert con.execute("SELECT action_id, theme, asi, undrr_essential FROM action ORDER BY action_id"
                       ).fetchall() == [("A1", "low_carbon", "improve", None), ("R1", "resilience", None, 9)]


@pytest.mark.parametrize("line, column, en, th", [
    ("R1,1401101,เตือนภัย,resilience,3,,,ongoing,2024", "undrr_essential", "needs its UNDRR essential",
     "ต้องกรอกข้อที่ (1-10)"),
    ("R1,1401101,เตือนภัย,resilience,3,improve,9,ongoing,2024", "asi", "leave asi empty", "ให้เว้นว่างคอลัมน์ asi"),
    ("A1,1401101,ไฟถนน,low_carbon,3,improve,1,ongoing,2024", "undrr_essential",
     "leave undrr_essential empty", "ให้เว้นว่างคอลัมน์ undrr_essential"),
    ("A1,1401101,ทางจักรยาน,bike_walk,3,,,ongoing,2024", "asi", "needs an A-S-I type", "ต้องกรอกประเภท A-S-I"),
    ("R1,1401101,เตือนภัย,resilience,3,,11,ongoing,2024", "undrr_essential", "outside the plausible range 1 to 10",
     "อยู่นอกช่วง"),
])
def test_import_refuses_a_misclassified_action(tmp_path, line, column, en, th):
    con, r = _imported(tmp_path, "OK1,1401101,ไฟถนน,low_carbon,3,improve,,ongoing,2024\n" + line + "\n")
    assert not r.ok
    p = r.problems[0]
    assert (p.file, p.row, p.column) == ("actions.csv", 3, column)   # row 1 is the header, the bad row is 3
    assert en in p.message_en and th in p.message_th
    assert con.execute("SELECT count(*) FROM action").fetchone()[0] == 0   # nothing written


def test_cli_refusal_exits_2_with_file_row_column_in_both_languages(tmp_path):
    from tests.helpers.import_db import _cli, make_db
    db_path = tmp_path / "cli.duckdb"
    make_db(db_path).close()
    bad = tmp_path / "bad_actions.csv"
    bad.write_text(HEAD + "R1,1401101,เตือนภัย,resilience,3,,,ongoing,2024\n", encoding="utf-8")
    r = _cli("import", str(bad), "--kind", "actions", "--db", str(db_path))
    assert r.returncode == 2
    assert "bad_actions.csv, row 2, column undrr_essential" in r.stderr
    assert "แถว 2 คอลัมน์ undrr_essential" in r.stderr


# --- grouping by essential -------------------------------------------------------------------------------------

def test_resilience_actions_grouped_by_essential():
    import pandas as pd
    from indicators import asi
    NA = None
    acts = pd.DataFrame([
        # action_id, theme, asi, undrr_essential, status, budget_thb
        ("m1", "low_carbon", "improve", NA, "ongoing", 1_000.0),   # mitigation: never in the grouping
        ("r1", "resilience", NA, 9, "ongoing", 200_000.0),
        ("r2", "resilience", NA, 9, "planned", 50_000.0),
        ("r3", "resilience", NA, 9, "completed", NA),
        ("r4", "resilience", NA, 2, "cancelled", NA),
        ("r5", "resilience", NA, 5, "completed", 300_000.0),
    ], columns=["action_id", "theme", "asi", "undrr_essential", "status", "budget_thb"])
    acts["undrr_essential"] = acts["undrr_essential"].astype("Int64")
    g = asi.by_essential(acts)
    # essential 2: r4 → 1 action, 0 counting (cancelled), no budget (missing, not 0)
    # essential 5: r5 → 1 action, 1 counting, 300,000
    # essential 9: r1, r2, r3 → 3 actions, 2 counting (ongoing r1 + completed r3), 200,000 + 50,000 = 250,000
    assert g["essential"].tolist() == [2, 5, 9]
    assert g["actions"].tolist() == [1, 1, 3]
    assert g["counting"].tolist() == [0, 1, 2]
    assert pd.isna(g.at[0, "budget_thb"]) and g["budget_thb"].tolist()[1:] == [300_000.0, 250_000.0]
    # the PDF report's table: same counts, labels in the report language, a missing budget shown as "—"
    from reports import pdf
    assert pdf.essential_rows(acts, "en") == [
        ["2. Identify, understand and use risk scenarios", "1", "0", "—"],
        ["5. Safeguard natural buffers", "1", "1", "300,000"],
        ["9. Ensure effective disaster response", "3", "2", "250,000"]]
    assert pdf.essential_rows(acts, "th")[2][0] == "9. ตอบสนองต่อภัยพิบัติอย่างมีประสิทธิภาพ"
    # the A-S-I summary counts only the mitigation action m1
    block = asi.summary_block(acts.assign(start_year=2020, achieved_tco2e=[4.0, NA, NA, NA, NA, NA]), 2024)
    assert block["improve"] == {"actions": 1, "reduction_t": 4.0}
    assert sum(b["actions"] for b in block.values()) == 1


def test_class_labels_in_thai_and_english():
    import pandas as pd
    from ui import action_labels
    acts = pd.DataFrame({"asi": ["shift", None], "undrr_essential": pd.array([None, 9], dtype="Int64")})
    assert action_labels.class_labels(acts, "en") == ["Shift", "UNDRR 9. Ensure effective disaster response"]
    assert action_labels.class_labels(acts, "th") == ["ปรับเปลี่ยน (Shift)",
                                                     "UNDRR 9. ตอบสนองต่อภัยพิบัติอย่างมีประสิทธิภาพ"]


def test_an_export_from_schema_5_restores_with_essentials(tmp_path):
    from data.write import export
    old = _v5_database(tmp_path / "v5.duckdb")
    # a whole version-5 database: the actions' municipality and batch are in it too (restore refuses orphan rows
    # as an inconsistent export, whatever its schema version)
    old.execute("INSERT INTO municipality (code, name_th, name_en, type, province_code) "
                "VALUES ('T', 'เทศบาลตำบลที', 'T', 'tambon', '50')")
    old.execute("INSERT INTO import_batch (batch_id, kind, file_name, sha256, rows, imported_at, imported_by, status, "
                "is_demo) VALUES (7, 'actions', 'actions.csv', 'x', 5, TIMESTAMP '2024-01-01', 'tests', 'active', "
                "FALSE)")
    out = tmp_path / "v5_export"
    export.export_database(old, out, "csv")
    old.close()
    assert export.read_manifest(out)["schema_version"] == 5
    new = db.connect(tmp_path / "v6.duckdb")
    db.migrate(new)
    export.restore_into(new, out)
    # the same essentials as the migration gives (test above): R1 early warning 9, R2 risk map 2, R3 default 1
    assert new.execute("SELECT action_id, asi, undrr_essential FROM action ORDER BY action_id").fetchall() == [
        ("A1", "improve", None), ("A2", "shift", None), ("R1", None, 9), ("R2", None, 2), ("R3", None, 1)]
