"""006: A-S-I is for mitigation actions only; resilience actions are classified by UNDRR essential instead.

``action.asi`` becomes nullable and ``action.undrr_essential`` (1-10, the Ten Essentials of the UNDRR Disaster
Resilience Scorecard for Cities) is added, with the rule: a low_carbon or bike_walk action has an A-S-I type and
no essential, a resilience action has an essential and no A-S-I type. DuckDB cannot drop a CHECK, so the table
is rebuilt and its rows copied; existing resilience actions get the essential their title suggests
(``data.store.action_essential``)."""
from data.store import action_essential, db

ACTION_V6 = """
CREATE TABLE action_v6 (
    action_id         VARCHAR NOT NULL,
    municipality_code VARCHAR NOT NULL,
    title_th          VARCHAR NOT NULL,
    title_en          VARCHAR,
    theme             VARCHAR NOT NULL CHECK (theme IN ('low_carbon', 'bike_walk', 'resilience')),
    dimension         INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4),
    asi               VARCHAR CHECK (asi IN ('avoid', 'shift', 'improve')),
    undrr_essential   INTEGER CHECK (undrr_essential BETWEEN 1 AND 10),
    gpc_sector        VARCHAR,
    department        VARCHAR,
    status            VARCHAR NOT NULL CHECK (status IN ('planned', 'ongoing', 'completed', 'cancelled')),
    start_year        INTEGER NOT NULL,
    end_year          INTEGER,
    budget_thb        DOUBLE,
    expected_tco2e    DOUBLE,
    achieved_tco2e    DOUBLE,
    bike_lane_km      DOUBLE,
    co_benefits       VARCHAR,
    batch_id          INTEGER,
    CHECK ((theme IN ('low_carbon', 'bike_walk') AND asi IS NOT NULL AND undrr_essential IS NULL)
        OR (theme = 'resilience' AND asi IS NULL AND undrr_essential IS NOT NULL))
)
"""


def migrate(con):
    con.execute(ACTION_V6)
    old = con.execute("SELECT * FROM action").df()
    if len(old):
        rows = action_essential.upgrade_action_rows(old)
        con.register("_action_v5_rows", rows)
        try:
            cols = ", ".join(db.duckdb_quote_ident(c) for c in rows.columns)
            con.execute(f"INSERT INTO action_v6 ({cols}) SELECT {cols} FROM _action_v5_rows")
        finally:
            con.unregister("_action_v5_rows")
    con.execute("DROP TABLE action")
    con.execute("ALTER TABLE action_v6 RENAME TO action")
