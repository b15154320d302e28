-- 003: rows overwritten by an import with --replace, kept so that rolling that import back restores them.
CREATE TABLE IF NOT EXISTS import_superseded (
    replaced_by    INTEGER NOT NULL,   -- the batch whose import replaced the row
    table_name     VARCHAR NOT NULL,
    original_batch INTEGER,            -- the row's own batch
    row_json       VARCHAR NOT NULL
);
