-- Migration 12 (reference 20260822000400_output_verification_policy.sql).
-- Each execution pins the output-verification policy it was admitted with.

ALTER TABLE batch_execution_record
    ADD COLUMN IF NOT EXISTS output_verification_policy JSONB NOT NULL
        DEFAULT '{"required":false,"inventory_schema":"wallaby-hires-output-inventory/v1"}'::jsonb;

-- Backfill from the boolean pinned by migration 6. On the first run every row holds the column
-- default, so this yields {"required": <output_verification_required>, "inventory_schema":
-- "wallaby-hires-output-inventory/v1"}. The condition makes a re-run touch only rows whose
-- policy disagrees with the boolean, and keeps any other key of an existing policy.
UPDATE batch_execution_record
   SET output_verification_policy =
           output_verification_policy
           || jsonb_build_object('required', output_verification_required)
 WHERE output_verification_policy -> 'required'
       IS DISTINCT FROM to_jsonb(output_verification_required);
