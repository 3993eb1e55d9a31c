-- beampipe addition (our fix of 10-state-and-jobs §8.3 item 33): consecutive discovery failures (error,
-- timeout, invalid prepared record) of a source. The discovery claim skips a failed source until
-- last_attempted_at + min(60 s * 2^(failures-1), 1 h) (DiscoveryBackoff); any successful outcome and a
-- manual discover trigger reset it to 0.

ALTER TABLE source_registry
    ADD COLUMN IF NOT EXISTS discovery_failures INTEGER NOT NULL DEFAULT 0;
