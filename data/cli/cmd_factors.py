"""``python -m data factors [--gwp-set AR4|AR5|AR6]`` — the emission-factor library as CSV on stdout.

Columns (contract): activity, unit, kgco2e_per_unit, gwp_set, valid_from, valid_to, source, then the details
that make each value traceable (factor id, names, per-gas kg, the value as published and how the value under
the chosen GWP set was obtained). Reads the database when it exists, else the reference CSVs in the repository.
"""
from __future__ import annotations

import os
import sys

from data.store import db
from data.store import reference
from data.queries import emission_rows
from indicators import gwp as gwp_mod

COLUMNS = ["activity", "unit", "kgco2e_per_unit", "gwp_set", "valid_from", "valid_to", "source",
           "factor_id", "name_th", "name_en", "co2", "ch4", "n2o", "ch4_fossil", "ghg_gas", "ghg_kg",
           "biogenic_co2", "published_kgco2e", "published_gwp_set", "gwp_basis", "cfo_scope", "cfo_category",
           "use", "gpc_ref_default", "version"]


def add_arguments(p):
    p.add_argument("--gwp-set", choices=list(gwp_mod.GWP_SETS), default=gwp_mod.DEFAULT_GWP_SET,
                   help="GWP set for kgco2e_per_unit (default AR5, as TGO)")


def library(con, gwp_set: str):
    """The library under ``gwp_set`` in the column order of the CLI contract."""
    if con is None:
        lib = emission_rows.resolve_library(reference.read_reference_csv("emission_factors.csv"),
                                reference.read_reference_csv("gwp.csv"), gwp_set)
    else:
        lib = emission_rows.resolved_factors(con, gwp_set)
    out = lib.drop(columns=["kgco2e_per_unit"]).rename(columns={"kgco2e": "kgco2e_per_unit"})
    return out[COLUMNS]


def run(args) -> int:
    path = args.db or db.default_db_path()
    try:
        con = db.connect(path, read_only=True)
    except db.DatabaseMissing:
        con = None
        print(f"note: no database at {path}; printing the reference CSVs of the repository / "
              f"ไม่พบฐานข้อมูล แสดงค่าจากไฟล์อ้างอิงในโปรแกรม", file=sys.stderr)
    try:
        library(con, args.gwp_set).to_csv(sys.stdout, index=False, float_format="%.10g", lineterminator="\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader (e.g. `| head`) stopped early: not an error of ours
        sys.stdout = open(os.devnull, "w")
    finally:
        if con is not None:
            con.close()
    return 0
