-- 004: schema agg for the pre-aggregated figures (data/store/aggregates.py). The figure tables themselves
-- (agg.network_rows, agg.wma_matrix) are written by every refresh from the computed frames; the write that
-- follows a migration (init, import, restore) builds them.
CREATE SCHEMA IF NOT EXISTS agg;

CREATE TABLE IF NOT EXISTS agg.refresh_state (
    id           INTEGER NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    refreshed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
