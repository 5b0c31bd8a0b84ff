-- The schema as the receiver made it before migrations were versioned (issues 12 and 13):
-- IF NOT EXISTS, so a database it made takes this step as a no-op and keeps its referrals.
CREATE TABLE IF NOT EXISTS referrals (
    reference   TEXT PRIMARY KEY,
    -- The body sealed under the key (a BLOB); empty once its content is deleted.
    body        TEXT NOT NULL,
    response    TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- The keyed hash of the body: replays are recognised by it, and it outlives the content.
    body_hash   TEXT,
    erased_at   INTEGER
);
CREATE TABLE IF NOT EXISTS destinations (destination TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS deliveries (
    reference   TEXT NOT NULL REFERENCES referrals (reference),
    destination TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    queued_at   INTEGER NOT NULL,
    next_at     INTEGER NOT NULL,
    done_at     INTEGER,
    PRIMARY KEY (reference, destination)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_at);
