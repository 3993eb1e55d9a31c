-- Migration 9 (reference 20260822000100_single_default_deployment_profile.sql).
-- At most one default deployment profile per scope (each project_module, and the global
-- scope project_module IS NULL).
--
-- Repair first: where a scope has several defaults, keep the most recently changed one
-- (updated_at DESC, never-updated rows last, then created_at DESC, then uuid DESC) and demote
-- the others: is_default=false, revision+1, spec_sha256=NULL (its canonical spec changed and
-- is recomputed on the next write), updated_at=now(). Re-running is a no-op.
WITH ranked AS (
    SELECT uuid,
           row_number() OVER (
               PARTITION BY (project_module IS NULL), COALESCE(project_module, '')
               ORDER BY updated_at DESC NULLS LAST, created_at DESC, uuid DESC
           ) AS position
      FROM daliuge_deployment_profile
     WHERE is_default = true
)
UPDATE daliuge_deployment_profile AS p
   SET is_default  = false,
       revision    = p.revision + 1,
       spec_sha256 = NULL,
       updated_at  = now()
  FROM ranked
 WHERE p.uuid = ranked.uuid
   AND ranked.position > 1;

CREATE UNIQUE INDEX IF NOT EXISTS uq_daliuge_profile_single_default
    ON daliuge_deployment_profile ((project_module IS NULL), (COALESCE(project_module, '')))
    WHERE is_default = true;
