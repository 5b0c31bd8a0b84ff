-- The SQLite engine's V2: the references whose request an instance is handling now, so a twin
-- arriving at any instance is told to wait (409). Holds are gone in moments, so the table is
-- UNLOGGED: no write-ahead log for them, and after a crash of the server it starts empty.
CREATE UNLOGGED TABLE in_flight (
    reference  TEXT PRIMARY KEY,
    holder     BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
