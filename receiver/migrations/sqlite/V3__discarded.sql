-- A delivery can be given up: a dead one an operator discards (`rj-receiver discard`), or a
-- receipt that cannot be sent. SQLite cannot change a CHECK constraint, so the table is made
-- again with the new state allowed. (V3, not V2: the numbers of the two engines' schemas need
-- not match, and V2 is kept for the sealing schema.)
CREATE TABLE deliveries_v3 (
    reference   TEXT NOT NULL REFERENCES referrals (reference),
    destination TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'discarded')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    queued_at   INTEGER NOT NULL,
    next_at     INTEGER NOT NULL,
    done_at     INTEGER,
    PRIMARY KEY (reference, destination)
);
INSERT INTO deliveries_v3 (reference, destination, state, attempts, queued_at, next_at, done_at)
    SELECT reference, destination, state, attempts, queued_at, next_at, done_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v3 RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (state, next_at);
