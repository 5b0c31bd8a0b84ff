-- The references whose request an instance is handling now, so a twin arriving at any instance
-- sharing the database is told to wait (409). A hold names its holder, who alone lets it go, and
-- lapses at `expires_at` (milliseconds since the Unix epoch) unless renewed: the hold of an
-- instance that died does not block its reference for long. In a file of its own beside the
-- referrals' (attached as `holds`), so these short writes never wait for a referral's flush to
-- disk, nor a referral for them.
CREATE TABLE in_flight (
    reference  TEXT PRIMARY KEY,
    holder     INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
