-- Migration 3 (reference 20260531000300_last_executed_discovery_signature.sql).
-- The discovery signature consumed by the source's last successful execution.

ALTER TABLE source_registry
    ADD COLUMN IF NOT EXISTS last_executed_discovery_signature VARCHAR(64) NULL;
