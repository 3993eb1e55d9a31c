-- Migration 14 (reference 20260822000600_submission_deadline.sql).
-- Per-attempt wall-clock deadline of the external submit, fixed when the submission intent is
-- persisted (computed from the database's clock_timestamp()).

ALTER TABLE batch_execution_record
    ADD COLUMN IF NOT EXISTS submission_deadline_at TIMESTAMPTZ NULL;
