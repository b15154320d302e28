"""Review before publication (data layer): scope, review rights, publication, return, supersede-when-published,
before → after totals, the unpublished overlay, and that no published figure moves before a reviewer approves.

Hand-worked figures (sample data, tests/helpers/sample_data.py; factors from data/reference/emission_factors.csv):
- 9000002 in 2023 has one CFO row: gasoline 2,300 L x 2.2719 kgCO2e/L = 5,225.37 kg -> CFO total 5.225 t.
- An editor's extra row: grid electricity 10,000 kWh x 0.4999 kgCO2e/kWh (factor valid to 2025) = 4,999 kg,
  so the CFO total becomes 5.22537 + 4.999 = 10.22437 -> 10.224 t.
- Correcting gasoline to 2,000 L: 2,000 x 2.2719 = 4,543.8 kg -> CFO total 4.544 t (9.543 t with the electricity).
"""
from __future__ import annotations

import pytest

from data.write import accounts
from data.queries import accounts as account_rows
from data.write import review
from data.queries import review_batches
from data.store import db
from data.figures import freshness
from data.write import batches
from data.figures import summary
from data.figures import inventories
from data.ingest.templates import KINDS
from tests.helpers import sample_data as sd

PW = "A-long-enough-passphrase"
ELEC = ["9000002", "2023", "CFO", "electricity_kwh", "10000", "kWh", "", "", "H", "PEA bill", ""]
GASOLINE_FIX = ["9000002", "2023", "CFO", "gasoline_onroad_l", "2000", "L", "", "", "M", "fuel log", ""]
OUTSIDE = ["9000003", "2023", "CFO", "electricity_kwh", "1", "kWh", "", "", "H", "", ""]


def activities(*rows) -> bytes:
    return sd.csv_bytes(sd.ACTIVITY_HEADER, [list(r) for r in rows])


@pytest.fixture()
def con(tmp_path):
    path = sd.new_real_database(tmp_path / "review.duckdb", kinds=("activities",))
    c = db.connect(path)
    for name, role, codes in [("officer2", "editor", ["9000002"]), ("officer3", "editor", ["9000003"]),
                              ("mentor1", "mentor", ["9000001"]), ("admin", "admin", [])]:
        accounts.add_account(c, name, role, codes, PW, "tests")
    yield c
    c.close()


def acc(con, name):
    return account_rows.get_account(con, name)


def cfo_total(con, code="9000002", year=2023):
    return summary.municipality_summary(con, code, year)["cfo"]["total"]


def submit(con, name, *rows, file_name="f.csv"):
    r = review.submit_file(con, activities(*rows), file_name, "activities", acc(con, name))
    assert r.ok, [str(p) for p in r.problems]
    return r.batch_id


def test_a_row_outside_the_editors_scope_is_refused_naming_file_row_and_column(con):
    before = db.table_checksums(con)
    r = review.submit_file(con, activities(ELEC, OUTSIDE), "mixed.csv", "activities", acc(con, "officer2"))
    assert len(r.problems) == 1 and r.batch_id is None
    p = r.problems[0]
    assert (p.file, p.row, p.column) == ("mixed.csv", 3, "municipality_code")     # header = row 1
    assert "9000003" in p.message_en and "officer2" in p.message_en and "9000003" in p.message_th
    assert db.table_checksums(con) == before                                       # nothing written


def test_a_submission_changes_no_published_figure_and_keeps_the_aggregates_current(con):
    assert freshness.is_current(con)
    stored_before = freshness.current(con).network_rows().to_dict("records")
    network_before = inventories.network_summary(con).to_dict("records")
    batch = submit(con, "officer2", ELEC)
    assert review_batches.get_batch(con, batch).review_status == "submitted"
    assert cfo_total(con) == 5.225
    assert inventories.network_summary(con).to_dict("records") == network_before
    assert con.execute("SELECT count(*) FROM activity WHERE amount = 10000").fetchone()[0] == 0
    # the stored aggregates are still used (no recomputation for every page) and still hold the old figures
    assert freshness.is_current(con)
    assert freshness.current(con).network_rows().to_dict("records") == stored_before


def test_review_rights(con):
    batch = submit(con, "officer2", ELEC)
    other = submit(con, "officer3", OUTSIDE)
    refusals = {
        "officer3": review.review_refusal(con, acc(con, "officer3"), review_batches.get_batch(con, batch), batch),
        "officer2 (own)": review.review_refusal(con, acc(con, "officer2"), review_batches.get_batch(con, batch), batch),
        "mentor1 on 9000003": review.review_refusal(con, acc(con, "mentor1"), review_batches.get_batch(con, other), other),
    }
    assert "only a mentor or an administrator" in refusals["officer3"][0]
    assert "only a mentor or an administrator" in refusals["officer2 (own)"][0]
    assert "not assigned to mentor1: 9000003" in refusals["mentor1 on 9000003"][0]
    for name, b in [("officer3", batch), ("mentor1", other)]:
        with pytest.raises(review.ReviewRefused):
            review.approve(con, b, acc(con, name))
    assert cfo_total(con) == 5.225
    # the mentor reviews its pilot's replicating city; the admin reviews anything
    assert [b.batch_id for b in review.queue(con, acc(con, "mentor1"))] == [batch]
    assert [b.batch_id for b in review.queue(con, acc(con, "admin"))] == [batch, other]
    assert review.queue(con, acc(con, "officer2")) == []
    # a mentor's own submission is never its own to approve
    mentor_batch = submit(con, "mentor1", ELEC[:4] + ["3000"] + ELEC[5:], file_name="m.csv")
    assert "nobody reviews their own batch" in review.review_refusal(
        con, acc(con, "mentor1"), review_batches.get_batch(con, mentor_batch), mentor_batch)[0]
    # a disabled mentor cannot review
    accounts.disable_account(con, "mentor1", "admin")
    assert "disabled" in review.review_refusal(con, acc(con, "mentor1"), review_batches.get_batch(con, batch), batch)[0]


def test_approve_publishes_with_before_after_and_rollback_restores(con):
    batch = submit(con, "officer2", ELEC, GASOLINE_FIX)
    changes = review.batch_changes(con, batch)
    cfo = changes[changes["figure"] == "cfo_total"].iloc[0]
    # before 5.225; after 4.5438 + 4.999 = 9.5428 -> 9.543
    assert (cfo["code"], cfo["year"], cfo["before"], cfo["after"]) == ("9000002", 2023, 5.225, 9.543)
    ccf = changes[changes["figure"] == "ccf_basic"].iloc[0]
    assert ccf["before"] == ccf["after"] == 2599.48            # 5,200,000 kWh x 0.4999 kg, untouched by CFO rows
    published = review.approve(con, batch, acc(con, "mentor1"))
    assert (published.review_status, published.reviewed_by) == ("published", "mentor1")
    assert cfo_total(con) == 9.543
    assert freshness.is_current(con)
    assert freshness.current(con).network_rows("9000002", 2023).query("year == 2023")["cfo_total"].round(3).tolist() \
        == [9.543]
    assert con.execute("SELECT count(*) FROM submission_row").fetchone()[0] == 0
    # the replaced gasoline row is kept, so that rolling the batch back restores 2,300 L
    batches.rollback_batch(con, batch, who="admin")
    assert cfo_total(con) == 5.225
    audit = account_rows.audit_log(con)
    assert audit.iloc[0][["actor", "action", "target"]].tolist() == ["admin", "batch.rollback", str(batch)]
    with pytest.raises(review.ReviewRefused, match="not waiting for review"):
        review.approve(con, batch, acc(con, "admin"))
    assert "account.add" in set(account_rows.audit_log(con)["action"])
    assert "batch.publish" in set(account_rows.audit_log(con)["action"])


def test_return_needs_a_comment_that_the_officer_sees(con):
    batch = submit(con, "officer2", ELEC)
    with pytest.raises(review.ReviewRefused, match="needs a comment"):
        review.return_batch(con, batch, acc(con, "mentor1"), "  ")
    b = review.return_batch(con, batch, acc(con, "mentor1"), "The PEA bill says 1,000 kWh, not 10,000.")
    assert b.review_status == "returned"
    mine = review_batches.own_batches(con, acc(con, "officer2"))
    assert [(x.batch_id, x.review_status, x.reviewed_by, x.review_comment) for x in mine] == \
        [(batch, "returned", "mentor1", "The PEA bill says 1,000 kWh, not 10,000.")]
    assert cfo_total(con) == 5.225
    assert review.queue(con, acc(con, "mentor1")) == []
    # the officer fixes the file and submits again (a different file: a new batch)
    fixed = submit(con, "officer2", ELEC[:4] + ["1000"] + ELEC[5:], file_name="fixed.csv")
    assert fixed != batch and [b.batch_id for b in review.queue(con, acc(con, "mentor1"))] == [fixed]


def test_a_newer_submission_replaces_the_published_figure_only_once_published(con):
    first = submit(con, "officer2", ELEC, file_name="first.csv")
    review.approve(con, first, acc(con, "mentor1"))
    assert cfo_total(con) == 10.224
    second = submit(con, "officer2", ELEC[:4] + ["20000"] + ELEC[5:], file_name="second.csv")
    # submitted, not published: the public figure is still the first one's
    assert cfo_total(con) == 10.224
    review.approve(con, second, acc(con, "admin"))
    # 5.22537 + 20,000 x 0.4999 / 1000 = 5.22537 + 9.998 = 15.22337 -> 15.223
    assert cfo_total(con) == 15.223
    assert con.execute("SELECT count(*) FROM activity WHERE municipality_code = '9000002' "
                       "AND activity = 'electricity_kwh' AND inventory = 'CFO'").fetchone()[0] == 1


def test_include_unpublished_overlay_and_batches_json(con):
    batch = submit(con, "officer2", ELEC)
    assert review.visible_pending(con, acc(con, "officer2")) == [batch]
    assert review.visible_pending(con, acc(con, "officer3")) == []
    assert review.visible_pending(con, acc(con, "mentor1")) == [batch]
    s = review.summary_including(con, "9000002", 2023)
    assert s["cfo"]["total"] == 10.224 and s["includes_unpublished"] == [batch]
    assert cfo_total(con) == 5.225
    rows = {b["id"]: b for b in review_batches.batches_json(con)}
    assert set(rows[batch]) == {"id", "kind", "status", "user", "municipalities", "rows", "created", "reviewed_by"}
    assert (rows[batch]["status"], rows[batch]["user"], rows[batch]["municipalities"], rows[batch]["rows"],
            rows[batch]["reviewed_by"]) == ("submitted", "officer2", ["9000002"], 1, None)
    # batches imported without an account are the administrator's, published at once
    assert rows[1]["status"] == "published" and rows[1]["municipalities"] == ["9000001", "9000002", "9000003"]


def test_editing_in_place_goes_through_the_import_validation(con):
    spec = KINDS["activities"]
    rows = review.editable_rows(con, "9000002", 2023)
    assert len(rows) == 2
    edited = rows.copy()
    gas = edited["activity"] == "gasoline_onroad_l"
    edited.loc[gas, "amount"] = -5.0
    bad = review.submit_edits(con, spec, review.changed_rows(rows, edited), acc(con, "officer2"), "edit-9000002-2023")
    assert bad.batch_id is None and bad.problems and bad.problems[0].column == "amount"
    edited.loc[gas, "amount"] = 2000.0
    changed = review.changed_rows(rows, edited)
    assert len(changed) == 1
    ok = review.submit_edits(con, spec, changed, acc(con, "officer2"), "edit-9000002-2023")
    assert ok.ok and ok.rows == 1
    assert cfo_total(con) == 5.225
    review.approve(con, ok.batch_id, acc(con, "mentor1"))
    assert cfo_total(con) == 4.544
    # an editor cannot edit someone else's municipality this way either
    other = review.editable_rows(con, "9000001", 2023)
    refused = review.submit_edits(con, spec, other.head(1), acc(con, "officer2"), "edit-9000001-2023")
    assert refused.problems and refused.problems[0].row == 2


def test_an_administrators_file_is_published_at_once(con):
    r = review.submit_file(con, activities(ELEC), "admin.csv", "activities", acc(con, "admin"))
    assert r.ok and review_batches.get_batch(con, r.batch_id).review_status == "published"
    assert cfo_total(con) == 10.224
