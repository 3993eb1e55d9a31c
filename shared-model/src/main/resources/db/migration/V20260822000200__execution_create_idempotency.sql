-- Migration 10 (reference 20260822000200_execution_create_idempotency.sql).
-- Idempotent execution creation: the caller's Idempotency-Key and the hash of the canonical
-- create request; one execution per (user, key).

ALTER TABLE batch_execution_record
    ADD COLUMN IF NOT EXISTS create_idempotency_key TEXT NULL,
    ADD COLUMN IF NOT EXISTS create_request_sha256  TEXT NULL;

CREATE UNIQUE INDEX IF NOT EXISTS uq_execution_create_idempotency
    ON batch_execution_record (created_by_id, create_idempotency_key)
    WHERE created_by_id IS NOT NULL AND create_idempotency_key IS NOT NULL;
