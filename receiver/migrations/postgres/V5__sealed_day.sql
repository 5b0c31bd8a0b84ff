-- The SQLite engine's V4: the day whose key sealed a referral's body (days since 1970-01-01
-- UTC), NULL for a body sealed under a key file of version 1, or not sealed.
ALTER TABLE referrals ADD COLUMN sealed_day BIGINT;
