package dev.beampipe.worker.slurmpoll;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.slurm.SlurmNameLookupLedger;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.slurm.ops.SlurmNameLookup;
import dev.beampipe.model.slurm.protocol.NameLookupRow;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.worker.execute.BackendMode;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The name-lookup reconciliation of unresolved Slurm submissions (40-backends §4.9, 10-state §5.6), run at the start
 * of each {@code slurm_poll_tick}. Candidates: Slurm, no job id, a session id, submission
 * {@code in_flight|uncertain}, not terminal, no outcome, not abandoned, no live execute lease, and a backend mode that
 * is {@code real} — the execution's recorded {@link BackendMode}, else the worker's setting, as {@link SlurmPoller}
 * decides (a dry-run execution never causes SSH, decision 14). Preconditions, each
 * failure recorded as a non-retryable {@code find_by_name} poll failure: a readable Slurm snapshot and a persisted
 * {@code intent_persisted} observation whose {@code target_fingerprint} equals the target resolved now
 * ({@code submission_target_identity_changed}); a lookup whose evidence the ledger rejects ({@code name_lookup_rejected})
 * or that fails unexpectedly ({@code name_lookup_failed}) is recorded the same way. The lookup runs over a fresh SSH session (never the pool) and its
 * complete evidence is recorded by {@link SlurmNameLookupLedger}; an exact match adopts the job id and normal
 * polling takes over.
 */
public final class SlurmNameReconciler {
    private static final Logger LOG = Logger.getLogger(SlurmNameReconciler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CANDIDATES = "SELECT e.uuid, e.daliuge_session_id, e.deployment_profile_snapshot, "
            + "(SELECT o.uuid::text FROM execution_observations o WHERE o.execution_id = e.uuid AND o.kind = 'daliuge_session' "
            + " AND o.raw_state = 'intent_persisted' ORDER BY o.observed_at DESC, o.uuid DESC LIMIT 1) AS intent_id, "
            + "(SELECT o.observed_at FROM execution_observations o WHERE o.execution_id = e.uuid AND o.kind = 'daliuge_session' "
            + " AND o.raw_state = 'intent_persisted' ORDER BY o.observed_at DESC, o.uuid DESC LIMIT 1) AS intent_at, "
            + "(SELECT o.payload->>'target_fingerprint' FROM execution_observations o WHERE o.execution_id = e.uuid "
            + " AND o.kind = 'daliuge_session' AND o.raw_state = 'intent_persisted' ORDER BY o.observed_at DESC, o.uuid DESC "
            + " LIMIT 1) AS intent_fp, " + BackendMode.COLUMN + " AS backend_mode "
            + "FROM batch_execution_record e WHERE e.scheduler_name = 'slurm' AND e.scheduler_job_id IS NULL "
            + "AND COALESCE(e.daliuge_session_id, '') <> '' AND e.submission_state IN ('in_flight', 'uncertain') "
            + "AND e.status NOT IN ('completed', 'failed', 'cancelled', 'not_submitted') AND e.terminal_outcome IS NULL "
            + "AND e.submission_abandoned_at IS NULL "
            // the recorded backend mode, else the worker's (BackendMode.effective): a dry run never reaches SSH
            + "AND (" + BackendMode.COLUMN + " = 'real' OR (" + BackendMode.COLUMN + " IS DISTINCT FROM 'dry_run' AND $2)) "
            + "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.execution_id = e.uuid AND j.kind = 'execute' "
            + "AND j.status = 'running' AND (j.lease_expires_at IS NULL OR j.locked_until IS NULL "
            + "OR GREATEST(j.lease_expires_at, j.locked_until) > now())) "
            + "ORDER BY e.last_reconciled_at NULLS FIRST, e.uuid LIMIT $1";

    private final Database db;
    private final SshConnector connector;
    private final Map<String, String> env;
    private final SshCredentialResolver credentials;
    private final SlurmNameLookup lookup;
    private final Clock clock;
    private final SlurmPollMetrics metrics;
    private final int limit;
    private final boolean workerReal;

    /** @param workerReal the worker's {@code BEAMPIPE_USE_REAL_BACKENDS}, for executions that recorded no backend mode */
    public SlurmNameReconciler(Database db, SshConnector connector, Map<String, String> env, SlurmNameLookup lookup,
                               Clock clock, SlurmPollMetrics metrics, int limit, boolean workerReal) {
        this.db = db;
        this.connector = connector;
        this.env = Map.copyOf(env);
        this.credentials = new SshCredentialResolver(this.env);
        this.lookup = lookup;
        this.clock = clock;
        this.metrics = metrics;
        this.limit = limit;
        this.workerReal = workerReal;
    }

    record Candidate(UUID id, String sessionId, JsonObject snapshot, String intentId, OffsetDateTime intentAt,
                     String intentFingerprint, String backendMode) {
        static Candidate of(Row r) {
            return new Candidate(r.getUUID("uuid"), r.getString("daliuge_session_id"),
                    r.getValue("deployment_profile_snapshot") instanceof JsonObject o ? o : null,
                    r.getString("intent_id"), r.getOffsetDateTime("intent_at"), r.getString("intent_fp"),
                    r.getString("backend_mode"));
        }
    }

    public void reconcileAll(String correlationId, SlurmPoller.LeaseCheck lease) throws InterruptedException {
        for (Candidate c : db.sql().list(CANDIDATES, Candidate::of, limit, workerReal)) {
            if (BackendMode.effective(c.backendMode(), workerReal) != BackendMode.REAL) {
                continue; // decision 14: a dry-run execution never causes SSH (the query already leaves it out)
            }
            lease.check();
            try {
                reconcile(c);
            } catch (InterruptedException e) {
                throw e;
            } catch (SlurmNameLookupLedger.Rejected e) {
                recordFailure(c, "name_lookup_rejected", e);
            } catch (RuntimeException e) {
                recordFailure(c, "name_lookup_failed", e);
            }
        }
    }

    void reconcile(Candidate c) throws InterruptedException {
        if (c.snapshot() == null) {
            precondition(c, "missing_deployment_profile", "the execution has no pinned deployment profile");
            return;
        }
        SlurmRemoteDeployment d;
        try {
            JsonObject spec = c.snapshot().copy();
            spec.remove("id");
            spec.remove("revision");
            spec.remove("spec_sha256");
            DeploymentProfile p = ProfileBinder.bind(MAPPER.readTree(spec.encode()));
            if (!(p.deployment() instanceof SlurmRemoteDeployment s)) {
                precondition(c, "invalid_deployment_profile_kind", "the pinned deployment profile is not slurm_remote");
                return;
            }
            d = s;
        } catch (Exception e) {
            precondition(c, "invalid_deployment_profile_snapshot", "the pinned deployment profile snapshot is unreadable");
            return;
        }
        if (c.intentId() == null || c.intentFingerprint() == null) {
            precondition(c, "submission_intent_missing", "no intent_persisted observation with a target fingerprint");
            return;
        }
        SshTarget target = SshTarget.of(d, env);
        if (!target.fingerprint().equals(c.intentFingerprint())) {
            precondition(c, "submission_target_identity_changed", "the resolved Slurm target " + target.display()
                    + " differs from the one frozen at the submission intent");
            return;
        }
        Instant started = clock.instant();
        SlurmNameLookup.LookupResult r;
        try {
            SshCredentials creds = credentials.resolve(d.sshCredential());
            try (RemoteShell shell = connector.open(target, creds)) {
                r = lookup.lookup(shell, c.sessionId(), c.intentAt().toInstant());
            }
        } catch (SshFailure e) {
            Instant now = clock.instant();
            r = new SlurmNameLookup.LookupResult("error", List.of(),
                    new SlurmNameLookup.SourceResult("not_run", 0, null), new SlurmNameLookup.SourceResult("not_run", 0, null),
                    c.intentAt().toInstant(), started, now, false, "scheduler_" + e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    Redaction.string(e.getMessage()));
        }
        String specSha = c.snapshot().getString("spec_sha256");
        NameLookupRow exact = "exact".equals(r.outcome()) ? r.rows().get(0) : null;
        JsonObject sources = new JsonObject(r.evidence().get("sources").toString());
        SlurmNameLookupLedger.Recorded recorded = SlurmNameLookupLedger.record(db, new SlurmNameLookupLedger.Lookup(
                Uuid7.next(), c.id(), c.intentId(), c.sessionId(), specSha == null ? "unpinned" : specSha,
                c.intentFingerprint(), c.intentAt(), utc(r.startedAt()), utc(r.completedAt()), sources, r.complete(),
                r.outcome(), r.matchedJobIds(), exact == null ? null : exact.state().schedulerState(),
                exact == null ? null : exact.rawState(), exact == null ? null : exact.reason(), "find_by_name",
                "error".equals(r.outcome()), r.error() == null ? null : Redaction.string(r.error())));
        metrics.reconciled("slurm_submission", recorded.result());
        LOG.infof("event=slurm_name_lookup execution_id=%s session_id=%s result=%s adopted=%s", c.id(), c.sessionId(),
                recorded.result(), recorded.adopted());
    }

    /**
     * A lookup of {@code c} that failed after its preconditions (the ledger rejected its evidence, or an unexpected
     * error): recorded on the execution like a precondition failure, so it is visible there and not only in the log.
     */
    private void recordFailure(Candidate c, String kind, RuntimeException e) {
        String message = Redaction.string(String.valueOf(e.getMessage()));
        LOG.errorf("event=slurm_name_lookup_failed execution_id=%s kind=%s error=\"%s\"", c.id(), kind, message);
        try {
            precondition(c, kind, message);
        } catch (RuntimeException recordFailed) {
            metrics.error("ledger_write_failed");
            LOG.errorf("event=slurm_name_lookup_failure_unrecorded execution_id=%s error=\"%s\"", c.id(),
                    Redaction.string(String.valueOf(recordFailed.getMessage())));
        }
    }

    /** A precondition failure: a non-retryable {@code find_by_name} observation, nothing else changes. */
    private void precondition(Candidate c, String kind, String message) {
        metrics.error(kind);
        metrics.reconciled("slurm_submission", kind);
        db.inTransaction(sql -> {
            LedgerRecords.observation(sql, c.id(), "scheduler", "unknown", kind, message, new JsonObject()
                    .put("operation", "find_by_name").put("error_kind", kind).put("retryable", false)
                    .put("daliuge_session_id", c.sessionId()), null);
            return null;
        });
        LOG.warnf("event=slurm_name_lookup_precondition execution_id=%s kind=%s", c.id(), kind);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
