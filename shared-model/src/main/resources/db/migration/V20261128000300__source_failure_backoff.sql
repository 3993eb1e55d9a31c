-- beampipe addition (decision 3): sources re-pended after a failed execution carry a failure
-- counter and are not re-admitted before next_admission_at (NULL = no backoff).

ALTER TABLE source_registry
    ADD COLUMN IF NOT EXISTS consecutive_failures INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS next_admission_at    TIMESTAMPTZ NULL;
