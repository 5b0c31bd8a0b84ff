-- A delivery can be given up: a dead one an operator discards (`rj-receiver discard`), or a
-- receipt that cannot be sent.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_check
    CHECK (state IN ('pending', 'delivered', 'dead', 'discarded'));
