-- Migration 13 (reference 20260822000500_required_output_completion_gate.sql).
-- Data repair + completion gate: an execution whose outputs must be verified may only be
-- 'completed' once output_state = 'verified'.
--
-- Legacy rows that are 'completed' but required verification without having verified outputs:
--   * DALiuGE finished and the scheduler succeeded (or was never used) -> reopen: back to
--     'running' in control phase 'output_verification', so the verifier can finish the job;
--   * anything else -> 'failed' / terminal_outcome 'inconsistent' for an operator to look at.
-- Every repaired row gets an 'execution.reconciliation_mismatch' provenance event.
-- (Output states that are NULL count as "not verified", matching the CHECK added below.)
WITH candidates AS (
    SELECT e.uuid,
           COALESCE(e.daliuge_state = 'finished'
                    AND e.scheduler_state IN ('succeeded', 'not_submitted'), false) AS reopen
      FROM batch_execution_record AS e
     WHERE e.output_verification_required = true
       AND e.status = 'completed'
       AND COALESCE(e.output_state, '') <> 'verified'
),
repaired AS (
    UPDATE batch_execution_record AS e
       SET status             = CASE WHEN c.reopen THEN 'running' ELSE 'failed' END,
           execution_phase    = NULL,
           control_phase      = CASE WHEN c.reopen THEN 'output_verification' ELSE 'terminal' END,
           terminal_outcome   = CASE WHEN c.reopen THEN NULL ELSE 'inconsistent' END,
           failure_class      = CASE WHEN c.reopen THEN NULL ELSE 'inconsistent_state' END,
           last_error         = CASE
                                    WHEN c.reopen THEN NULL
                                    ELSE 'legacy aggregate completion contradicted external execution axes'
                                END,
           workflow_manifest  = CASE
                                    WHEN c.reopen THEN
                                        e.workflow_manifest
                                            #- '{beampipe_run_record,slurm,terminal,ledger_status}'
                                            #- '{beampipe_run_record,dim,terminal,ledger_status}'
                                    ELSE e.workflow_manifest
                                END,
           phase_timestamps   = CASE
                                    WHEN c.reopen THEN
                                        (e.phase_timestamps - 'terminal')
                                            || jsonb_build_object('output_verification', now())
                                    WHEN e.phase_timestamps ? 'terminal' THEN e.phase_timestamps
                                    ELSE e.phase_timestamps || jsonb_build_object('terminal', now())
                                END,
           completed_at       = CASE WHEN c.reopen THEN NULL ELSE COALESCE(e.completed_at, now()) END,
           last_reconciled_at = now(),
           updated_at         = now()
      FROM candidates AS c
     WHERE e.uuid = c.uuid
    RETURNING e.uuid, e.project_module, e.sources, e.scheduler_state, e.daliuge_state, e.status
)
INSERT INTO provenance_events
       (id, event_type, project_module, source_identifier, execution_id, actor, correlation_id, payload)
SELECT gen_random_uuid(),
       'execution.reconciliation_mismatch',
       r.project_module,
       r.sources -> 0 ->> 'source_identifier',
       r.uuid,
       'system:migration',
       r.uuid::text,
       jsonb_build_object(
           'code',              'required_output_completion_reopened',
           'message',           'legacy completion without verified outputs was repaired',
           'scheduler_state',   r.scheduler_state,
           'daliuge_state',     r.daliuge_state,
           'repaired_status',   r.status,
           'requires_operator', r.status = 'failed'
       )
  FROM repaired AS r;

-- The gate itself. (The reference adds it unconditionally, so its file cannot be re-applied by
-- hand; here it is added only when missing, which makes a manual re-run harmless.)
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1
          FROM pg_constraint
         WHERE conname = 'ck_required_output_completion_verified'
           AND conrelid = 'batch_execution_record'::regclass
    ) THEN
        ALTER TABLE batch_execution_record
            ADD CONSTRAINT ck_required_output_completion_verified
            CHECK (
                status <> 'completed'
                OR output_verification_required = false
                OR COALESCE(output_state, '') = 'verified'
            );
    END IF;
END
$$;
