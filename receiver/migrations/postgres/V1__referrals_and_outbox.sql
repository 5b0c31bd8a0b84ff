-- The schema of the SQLite engine's V1, in PostgreSQL's types; times are milliseconds since
-- the Unix epoch, as there.
CREATE TABLE referrals (
    -- The order referrals came in, for export (SQLite's rowid).
    seq         BIGSERIAL NOT NULL,
    -- The unique constraint that decides twins, across every instance sharing the database.
    reference   TEXT PRIMARY KEY,
    -- The body: sealed under the key when `sealed`, else UTF-8; empty once its content is deleted.
    body        BYTEA NOT NULL,
    sealed      BOOLEAN NOT NULL,
    response    TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- The keyed hash of the body: replays are recognised by it, and it outlives the content.
    body_hash   TEXT,
    erased_at   BIGINT
);
CREATE TABLE destinations (
    seq         BIGSERIAL NOT NULL,
    destination TEXT PRIMARY KEY
);
CREATE TABLE deliveries (
    reference   TEXT NOT NULL REFERENCES referrals (reference),
    destination TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts    BIGINT NOT NULL DEFAULT 0,
    queued_at   BIGINT NOT NULL,
    next_at     BIGINT NOT NULL,
    done_at     BIGINT,
    PRIMARY KEY (reference, destination)
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
