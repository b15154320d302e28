"""The stored figures' code fingerprint follows the code: its file list is read from the imports of
``data.figures.refresh``, an edit to any of those files changes it, an edit elsewhere does not, and a missing
module stops it loudly."""
from __future__ import annotations

import shutil

import pytest

from data.figures import freshness

ROOT = freshness._ROOT


def _rel(paths) -> set[str]:
    return {p.relative_to(freshness._ROOT).as_posix() for p in paths}


def test_the_file_list_is_what_the_refresh_imports():
    files = _rel(freshness.computation_files())
    # the calculation of the stored rows and matrix, through every room it passes
    assert {"data/figures/refresh.py", "data/figures/inventories.py", "data/figures/scores.py",
            "data/queries/emission_rows.py", "data/queries/indicator_rows.py", "data/store/aggregates.py",
            "indicators/emissions.py", "indicators/gwp.py", "indicators/targets.py", "indicators/waste.py",
            "indicators/wma.py", "indicators/catalogue.py", "indicators/resilience.py"} <= files
    # what the refresh never runs is not in it (editing the CLI or the import checks keeps the stored copy)
    assert not files & {"data/cli/__init__.py", "data/ingest/validate.py", "data/write/importer.py",
                        "data/figures/summary.py"}


@pytest.fixture()
def copied_tree(tmp_path, monkeypatch):
    """A copy of data/ and indicators/ that ``freshness`` reads instead of the real tree."""
    for package in ("data", "indicators"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.duckdb*", "reference"))
    monkeypatch.setattr(freshness, "_ROOT", tmp_path)
    freshness.code_digest.cache_clear()
    yield tmp_path
    freshness.code_digest.cache_clear()


def test_an_edit_to_the_computation_changes_the_digest_and_other_edits_do_not(copied_tree):
    before = freshness.code_digest()
    assert before == freshness.code_digest.__wrapped__()
    (copied_tree / "data" / "ingest" / "validate.py").write_text("# not part of the figures\n", encoding="utf-8")
    assert freshness.code_digest.__wrapped__() == before
    waste = copied_tree / "indicators" / "waste.py"
    waste.write_text(waste.read_text(encoding="utf-8") + "\n# a changed default\n", encoding="utf-8")
    assert freshness.code_digest.__wrapped__() != before


def test_a_missing_module_stops_the_fingerprint_loudly(copied_tree):
    (copied_tree / "data" / "figures" / "scores.py").unlink()
    with pytest.raises(freshness.MissingComputationModule, match="data.figures.scores"):
        freshness.computation_files()
