"""Replace is a real replace (issue: re-import after a replace silently did nothing).

Reproduced first: import F (amount 100), import G (200) with --replace, import F with --replace again →
"already imported; nothing changed", exit 0, and 200 stayed. Now a file whose earlier batch was (partly)
replaced by a later active batch is imported again: with --replace its rows come back, without it the
import is refused naming the batch that holds the rows.

Then a bounded random walk (hypothesis stateful testing) of import / replace / re-replace / rollback against
an in-memory model of what the rows and batches must be.
"""
from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.conftest import ROOT
from tests.helpers import sample_data as sd

CODE = "9000001"


def activity_file(years: tuple[int, ...], amount: int) -> bytes:
    """CFO electricity, one annual row per year, all with ``amount`` kWh."""
    rows = [[CODE, str(y), "CFO", "electricity_kwh", str(amount), "kWh", "", "", "H", "", ""] for y in years]
    return sd.csv_bytes(sd.ACTIVITY_HEADER, rows)


def _cli(*args, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "data", *args, "--db", str(db)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _amounts(path) -> dict[int, float]:
    from data.store import db

    con = db.connect(path)
    try:
        return dict(con.execute("SELECT year, amount FROM activity ORDER BY year").fetchall())
    finally:
        con.close()


def test_reimporting_a_replaced_file_brings_its_rows_back(tmp_path):
    path = sd.new_real_database(tmp_path / "r.duckdb")
    f, g = tmp_path / "F.csv", tmp_path / "G.csv"
    f.write_bytes(activity_file((2023,), 100))
    g.write_bytes(activity_file((2023,), 200))
    assert _cli("import", str(f), "--kind", "activities", db=path).returncode == 0
    assert _cli("import", str(g), "--kind", "activities", "--replace", db=path).returncode == 0
    assert _amounts(path) == {2023: 200}
    refused = _cli("import", str(f), "--kind", "activities", db=path)
    assert refused.returncode == 2 and "Already in the database (batch 3)" in refused.stderr, refused.stderr
    again = _cli("import", str(f), "--kind", "activities", "--replace", db=path)
    assert again.returncode == 0 and "nothing changed" not in again.stdout, again.stdout
    assert _amounts(path) == {2023: 100}
    # and rolling that back returns G's 200
    assert _cli("rollback", "4", db=path).returncode == 0
    assert _amounts(path) == {2023: 200}


# --- the model ------------------------------------------------------------------------------------------------

FILES = {                       # name -> (years, amount): overlapping sets of rows
    "A": ((2020, 2021), 100),
    "B": ((2021, 2022), 200),
    "C": ((2020,), 300),
    "D": ((2020, 2021, 2022), 400),
}


class ImportModel(RuleBasedStateMachine):
    """The database against a model: rows {year: (amount, batch)}, batches {id: status}, and for each batch
    the rows it displaced {year: (amount, batch)}."""

    def __init__(self):
        super().__init__()
        import tempfile

        from data.store import db

        self._dir = tempfile.TemporaryDirectory()
        path = sd.new_real_database(__import__("pathlib").Path(self._dir.name) / "m.duckdb")
        self.con = db.connect(path)
        self.next_batch = 2                    # batch 1 holds the sample municipalities
        self.rows: dict[int, tuple[int, int]] = {}
        self.status: dict[int, str] = {}
        self.files: dict[int, str] = {}
        self.displaced: dict[int, dict[int, tuple[int, int]]] = {}

    def teardown(self):
        self.con.close()
        self._dir.cleanup()

    def _file_in_effect(self, name: str) -> int | None:
        """An active batch of this file none of whose rows a later active batch displaced."""
        for b, f in sorted(self.files.items()):
            if f != name or self.status[b] != "active":
                continue
            if not any(self.status[c] == "active" and any(ob == b for _, ob in self.displaced[c].values())
                       for c in self.displaced):
                return b
        return None

    @rule(name=st.sampled_from(sorted(FILES)), replace=st.booleans())
    def import_file(self, name, replace):
        from data.write.importer import import_file

        years, amount = FILES[name]
        r = import_file(self.con, activity_file(years, amount), f"{name}.csv", "activities", user="model",
                        replace=replace)
        same = self._file_in_effect(name)
        if same is not None:
            assert r.skipped_as_duplicate_file and r.batch_id == same, (name, r.problems, r.notes)
            return
        conflicts = [y for y in years if y in self.rows]
        if conflicts and not replace:
            assert r.problems and not r.batch_id, (name, r)
            return
        assert r.ok and r.batch_id == self.next_batch, (name, [str(p) for p in r.problems], r.notes)
        b = self.next_batch
        self.next_batch += 1
        self.status[b], self.files[b] = "active", name
        self.displaced[b] = {y: self.rows[y] for y in conflicts}
        for y in years:
            self.rows[y] = (amount, b)

    @precondition(lambda self: self.status)
    @rule(data=st.data())
    def rollback(self, data):
        from data.write import batches

        b = data.draw(st.sampled_from(sorted(self.status)))
        blocked = self.status[b] != "active" or any(
            self.status[c] == "active" and any(ob == b for _, ob in self.displaced[c].values())
            for c in self.displaced)
        try:
            batches.rollback_batch(self.con, b)
        except batches.BatchError:
            assert blocked, f"rollback of {b} refused but the model allows it"
            return
        assert not blocked, f"rollback of {b} done but the model refuses it"
        self.rows = {y: v for y, v in self.rows.items() if v[1] != b}
        self.rows.update(self.displaced[b])
        self.status[b] = "rolled_back"

    @invariant()
    def database_matches_model(self):
        got = {y: (float(a), b) for y, a, b in self.con.execute(
            "SELECT year, amount, batch_id FROM activity ORDER BY year").fetchall()}
        assert got == {y: (float(a), b) for y, (a, b) in self.rows.items()}
        status = dict(self.con.execute("SELECT batch_id, status FROM import_batch WHERE batch_id > 1").fetchall())
        assert status == self.status


TestImportModel = ImportModel.TestCase
TestImportModel.settings = settings(max_examples=30, stateful_step_count=12, deadline=None,
                                    suppress_health_check=[HealthCheck.too_slow], derandomize=True)
