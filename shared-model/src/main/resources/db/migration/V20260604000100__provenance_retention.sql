-- Migration 5 (reference 20260604000100_provenance_retention.sql).
-- Supports the provenance retention purge (`beampipe purge-provenance`, which deletes rows with
-- occurred_at older than BEAMPIPE_PROVENANCE_RETENTION_DAYS, default 90).

CREATE INDEX IF NOT EXISTS idx_provenance_events_occurred_at
    ON provenance_events (occurred_at);

COMMENT ON TABLE provenance_events IS
    'Append-only audit stream; purge old rows with beampipe purge-provenance';
