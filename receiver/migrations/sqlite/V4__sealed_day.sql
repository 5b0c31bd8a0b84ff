-- The day whose key sealed a referral's body (days since 1970-01-01 UTC): the key file keeps
-- that day's key until every referral sealed that day is erased. NULL for a body sealed under
-- a key file of version 1 (its one key), or stored without a key.
ALTER TABLE referrals ADD COLUMN sealed_day INTEGER;
