-- 005: accounts (schema auth, never exported: it holds password hashes) and review before publication.
-- Passwords are stored only as argon2id hashes (data/accounts.py); the clear text is never written anywhere.

CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE IF NOT EXISTS auth.account (
    name           VARCHAR PRIMARY KEY,
    role           VARCHAR NOT NULL CHECK (role IN ('admin', 'mentor', 'editor')),
    municipalities VARCHAR[] NOT NULL,        -- editor: the codes it writes; mentor: the codes (pilots) it reviews
    password_hash  VARCHAR NOT NULL,          -- argon2id, PHC string ($argon2id$v=19$...)
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    failed_count   INTEGER NOT NULL DEFAULT 0, -- consecutive failed sign-ins since the last success or lockout
    locked_until   TIMESTAMP,                 -- UTC; sign-in refused before this time
    created_at     TIMESTAMP NOT NULL,
    created_by     VARCHAR NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    updated_by     VARCHAR NOT NULL
);

-- Who changed what: accounts, reviews, sign-in lockouts (never a password).
CREATE TABLE IF NOT EXISTS auth.audit (
    happened_at TIMESTAMP NOT NULL,
    actor   VARCHAR NOT NULL,
    action  VARCHAR NOT NULL,
    target  VARCHAR,
    detail  VARCHAR
);

-- Review of a batch: imports without an account are the administrator's and published at once.
ALTER TABLE import_batch ADD COLUMN review_status VARCHAR DEFAULT 'published';
ALTER TABLE import_batch ADD COLUMN municipalities VARCHAR;      -- comma-separated codes the batch touches
ALTER TABLE import_batch ADD COLUMN reviewed_by VARCHAR;
ALTER TABLE import_batch ADD COLUMN reviewed_at TIMESTAMP;
ALTER TABLE import_batch ADD COLUMN review_comment VARCHAR;

-- The rows of a batch waiting for review (JSON, one record per row). They are not in the data tables, so no
-- public page, export of figures, report or summary can read them; publishing moves them into the tables.
CREATE TABLE IF NOT EXISTS submission_row (
    batch_id   INTEGER NOT NULL,
    table_name VARCHAR NOT NULL,
    row_json   VARCHAR NOT NULL
);
