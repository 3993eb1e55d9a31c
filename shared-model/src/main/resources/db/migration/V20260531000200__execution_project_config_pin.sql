-- Migration 2 (reference 20260531000200_execution_project_config_pin.sql).
-- An execution pins the project config revision it was created with.

ALTER TABLE batch_execution_record
    ADD COLUMN IF NOT EXISTS project_config_id UUID NULL REFERENCES project_configs (uuid);

CREATE INDEX IF NOT EXISTS idx_batch_execution_record_project_config_id
    ON batch_execution_record (project_config_id);
