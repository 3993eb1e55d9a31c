package dev.beampipe.model.ledger.submission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.control.LedgerState;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.Reconcile;
import dev.beampipe.model.ledger.state.SchedulerState;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.ledger.store.Rfc3339;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code record_submission_receipt} (10-state §5.5, 40-backends §6.5, §7.3), one transaction under the row lock:
 * <ol>
 *   <li>intent conflict check (a persisted identifier that differs);</li>
 *   <li>already {@code submitted} or operator-abandoned: an exact replay returns the stored state and writes nothing;
 *       a different receipt on a {@code submitted} row is a conflict;</li>
 *   <li>the submission must be {@code in_flight|uncertain};</li>
 *   <li>target status {@code next_status}, or for an uncertain Slurm submission with a recovered job id
 *       {@code reconcile()} with the submission {@code submitted}; {@code allows} unless terminal;</li>
 *   <li>no earlier {@code physical_graph} artifact;</li>
 *   <li>the {@code physical_graph} artifact with the receipt metadata;</li>
 *   <li>the row update (terminal rows keep status and axes; abandonment keeps the submission state);</li>
 *   <li>the {@code scheduler}/{@code SUBMITTED} or {@code daliuge_session}/{@code deployed} observation;</li>
 *   <li>{@code execution.submission_recorded} (or {@code execution.submission_detected_after_abandonment}), plus
 *       {@code execution.awaiting_scheduler} when entering it;</li>
 *   <li>on request (dry-run mode) the first {@code dim_poll} job {@code dim_poll:{id}:0} in the same transaction.</li>
 * </ol>
 * The DALiuGE run-record merge ({@code dim.session_id}, {@code dim.deploy}) happens in the same locked transaction
 * (decision 3), on the receipt's manifest with the stored run-record sections it lacks kept ({@link RunRecordMerge}).
 */
public final class SubmissionReceipts {
    public static final String SCHEMA = "beampipe-submission-receipt/v1";
    public static final String ARTIFACT_KIND = "physical_graph";
    public static final String PRODUCER_PHASE = "translated";
    public static final String MEDIA_TYPE = "application/json";
    public static final String ACTOR = "system:execute";
    public static final String DIM_POLL_CAPABILITY = "daliuge-deployment";
    static final int MAX_SESSION_ID = 512;

    private SubmissionReceipts() {
    }

    /**
     * @param replayed           an exact replay: nothing was written
     * @param afterAbandonment   the execution was operator-abandoned: the receipt is evidence only
     * @param dimPollJobId       the enqueued first poll job, if any
     */
    public record Recorded(UUID executionId, String status, String submissionState, String receiptSha256,
                           UUID physicalGraphArtifactId, boolean replayed, boolean afterAbandonment, UUID dimPollJobId) {
    }

    public static Recorded record(Database db, Receipt r) {
        Fingerprint f = fingerprint(r);
        return db.inTransaction(sql -> record(sql, r, f));
    }

    public static Recorded record(Sql sql, Receipt r) {
        return record(sql, r, fingerprint(r));
    }

    /**
     * The validated receipt's digests and receipt document. {@code manifestSha256} ({@code workflow_manifest_sha256})
     * and so {@code receiptSha256} are taken over the manifest the backend reported, before the run-record merge: they
     * identify the receipt (an exact replay has the same digest whatever was merged into the stored document since),
     * not the stored {@code workflow_manifest}, which also carries the kept run-record sections and the DIM deploy
     * record and therefore never has this digest.
     */
    record Fingerprint(String graphSha256, long graphSize, String manifestSha256, String nextStatus,
                       JsonObject document, String receiptSha256) {
    }

    /** Validation before the transaction and the {@code receipt_sha256} fingerprint. */
    static Fingerprint fingerprint(Receipt r) {
        if (r == null || r.executionId() == null) {
            throw SubmissionRejected.invalid("submission receipt requires an execution id");
        }
        if (r.workflowManifest() == null) {
            throw SubmissionRejected.invalid("submission receipt workflow manifest must be a JSON object");
        }
        if (r.physicalGraph() == null || !(r.physicalGraph() instanceof JsonArray || r.physicalGraph() instanceof JsonObject)) {
            throw SubmissionRejected.invalid("submission receipt physical graph must be a non-null JSON value");
        }
        String sid = r.daliugeSessionId();
        if (sid == null || sid.isEmpty()) {
            throw SubmissionRejected.invalid("submission receipt daliuge_session_id must not be empty");
        }
        if (sid.length() > MAX_SESSION_ID) {
            throw SubmissionRejected.invalid("submission receipt daliuge_session_id must be at most 512 characters");
        }
        String next;
        if ("slurm".equals(r.schedulerName())) {
            if (blank(r.schedulerJobId()) || blank(r.remoteSessionDir()) || blank(r.stagingRoot())) {
                throw SubmissionRejected.invalid("Slurm submission receipt requires scheduler_job_id, remote_session_dir "
                        + "and staging_root");
            }
            if (!LedgerState.exactSlurmJobId(r.schedulerJobId())) {
                throw SubmissionRejected.invalid("Slurm submission receipt scheduler_job_id must be ASCII digits");
            }
            String expected = RunRecordMerge.trimTrailingSlashes(r.remoteSessionDir()) + "/wallaby-staging";
            if (!expected.equals(r.stagingRoot())) {
                throw SubmissionRejected.invalid("Slurm submission receipt staging_root must be " + expected);
            }
            if (r.dimDeploy() != null || r.dimPoll() != null) {
                throw SubmissionRejected.invalid("Slurm submission receipt carries no DIM deploy record or poll job");
            }
            next = ExecutionStatus.AWAITING_SCHEDULER.wire();
        } else if ("daliuge".equals(r.schedulerName())) {
            if (r.schedulerJobId() != null || r.remoteSessionDir() != null || r.stagingRoot() != null) {
                throw SubmissionRejected.invalid("DALiuGE submission receipt must not carry scheduler_job_id, "
                        + "remote_session_dir or staging_root");
            }
            next = ExecutionStatus.RUNNING.wire();
        } else {
            throw SubmissionRejected.invalid("unsupported submission receipt backend '" + r.schedulerName() + "'");
        }
        JsonNode graph = LedgerRecords.tree(r.physicalGraph());
        String graphSha = StableJson.sha256(graph);
        long size = StableJson.write(graph).getBytes(StandardCharsets.UTF_8).length;
        String manifestSha = StableJson.sha256(LedgerRecords.tree(r.workflowManifest()));
        JsonObject document = new JsonObject()
                .put("schema", SCHEMA)
                .put("scheduler_name", r.schedulerName())
                .put("scheduler_job_id", r.schedulerJobId())
                .put("daliuge_session_id", sid)
                .put("remote_session_dir", r.remoteSessionDir())
                .put("staging_root", r.stagingRoot())
                .put("workflow_manifest_sha256", manifestSha)
                .put("physical_graph_sha256", graphSha)
                .put("next_status", next);
        return new Fingerprint(graphSha, size, manifestSha, next, document, StableJson.sha256(LedgerRecords.tree(document)));
    }

    static Recorded record(Sql sql, Receipt r, Fingerprint f) {
        UUID id = r.executionId();
        ExecutionStore.LockedRow locked = ExecutionStore.lock(sql, id).orElseThrow(SubmissionRejected::notFound);
        ExecutionRow row = locked.row();
        boolean abandoned = locked.abandoned();

        // 1. intent conflict
        if (differs(row.schedulerName(), r.schedulerName()) || differs(row.schedulerJobId(), r.schedulerJobId())
                || differs(row.daliugeSessionId(), r.daliugeSessionId())
                || differs(row.remoteSessionDir(), r.remoteSessionDir())) {
            throw new SubmissionRejected("submission_receipt_intent_conflict",
                    "submission receipt conflicts with the persisted submission intent");
        }
        // 2. replay
        SubmissionState submission = SubmissionState.parse(row.submissionState());
        if (submission == SubmissionState.SUBMITTED || abandoned) {
            Optional<UUID> replay = exactReplay(sql, locked, r, f);
            if (replay.isPresent()) {
                return new Recorded(id, row.status().wire(), row.submissionState(), f.receiptSha256(), replay.get(), true,
                        abandoned, null);
            }
            if (submission == SubmissionState.SUBMITTED) {
                throw new SubmissionRejected("submission_receipt_conflict",
                        "conflicting submission receipt for an already submitted execution");
            }
        }
        // 3. awaiting a receipt
        if (submission != SubmissionState.IN_FLIGHT && submission != SubmissionState.UNCERTAIN) {
            throw new SubmissionRejected("submission_receipt_not_awaited", "execution is not awaiting a submission "
                    + "receipt (submission_state=" + (row.submissionState() == null ? "not_started" : row.submissionState()) + ")");
        }
        // 4. target status
        boolean terminal = row.terminal();
        boolean recovered = LedgerState.recoveredUncertainSlurm(row.submissionState(), row.schedulerName(),
                row.schedulerJobId());
        ExecutionStatus target = recovered
                ? Reconcile.reconcile(row.axes().with(SubmissionState.SUBMITTED), row.status()).status()
                : ExecutionStatus.parse(f.nextStatus());
        ExecutionStatus status = terminal ? row.status() : target;
        if (!terminal && !ExecutionStatus.allows(row.status(), target)) {
            throw new SubmissionRejected("invalid_status_transition", "invalid status transition from "
                    + row.status().wire() + " to " + target.wire());
        }
        // 5. no physical graph evidence yet
        if (sql.count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1 AND kind = $2", id, ARTIFACT_KIND) > 0) {
            throw new SubmissionRejected("submission_receipt_evidence_exists",
                    "execution already has physical graph evidence without a completed submission receipt");
        }
        // 6. the physical graph artifact
        JsonObject metadata = new JsonObject()
                .put("backend", r.schedulerName())
                .put("scheduler_job_id", r.schedulerJobId())
                .put("daliuge_session_id", r.daliugeSessionId())
                .put("remote_session_dir", r.remoteSessionDir())
                .put("staging_root", r.stagingRoot())
                .put("workflow_manifest_sha256", f.manifestSha256())
                .put("submission_receipt_sha256", f.receiptSha256());
        UUID artifact = Uuid7.next();
        sql.update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, inline_json, media_type, sha256, "
                        + "size_bytes, producer_phase, metadata) VALUES ($1, $2, $3, 'database', $4, $5, $6, $7, $8, $9)",
                artifact, id, ARTIFACT_KIND, r.physicalGraph(), MEDIA_TYPE, f.graphSha256(), f.graphSize(),
                PRODUCER_PHASE, metadata);
        // 7. the row
        boolean slurm = "slurm".equals(r.schedulerName());
        String schedulerState = terminal || recovered ? row.schedulerState()
                : slurm ? SchedulerState.PENDING.wire() : SchedulerState.NOT_SUBMITTED.wire();
        String daliugeState = terminal ? row.daliugeState() : slurm ? "not_created" : "running";
        JsonObject manifest = RunRecordMerge.receiptManifest(row.workflowManifest(), r.workflowManifest(),
                r.daliugeSessionId(), slurm ? null : r.dimDeploy());
        sql.update("UPDATE batch_execution_record SET status = $2, "
                        + "execution_phase = CASE WHEN $3 THEN execution_phase ELSE 'submit' END, "
                        + "control_phase = CASE WHEN $3 THEN control_phase ELSE 'submitted' END, "
                        + "workflow_manifest = $4, physical_graph_sha256 = $5, "
                        + "submission_state = CASE WHEN $6 THEN submission_state ELSE 'submitted' END, "
                        + "scheduler_name = $7, scheduler_job_id = COALESCE($8, scheduler_job_id), "
                        + "daliuge_session_id = $9, remote_session_dir = COALESCE($10, remote_session_dir), "
                        + "scheduler_state = $11, daliuge_state = $12, "
                        + "terminal_outcome = CASE WHEN $3 THEN terminal_outcome ELSE NULL END, "
                        + "failure_class = CASE WHEN $3 THEN failure_class ELSE NULL END, "
                        + "last_error = CASE WHEN $3 THEN last_error ELSE NULL END, "
                        + "phase_timestamps = CASE WHEN $6 OR phase_timestamps ? 'submitted' THEN phase_timestamps "
                        + "  ELSE phase_timestamps || jsonb_build_object('submitted', $13::text) END, "
                        + "updated_at = clock_timestamp() WHERE uuid = $1",
                id, status.wire(), terminal, manifest, f.graphSha256(), abandoned, r.schedulerName(),
                r.schedulerJobId(), r.daliugeSessionId(), r.remoteSessionDir(), schedulerState, daliugeState,
                Rfc3339.utc(ExecutionStore.clock(sql)));
        // 8. observation
        if (slurm) {
            LedgerRecords.observation(sql, id, "scheduler", SchedulerState.PENDING.wire(), "SUBMITTED",
                    abandoned ? "late_after_abandonment" : null, f.document(), SCHEMA);
        } else {
            LedgerRecords.observation(sql, id, "daliuge_session", "running", "deployed",
                    abandoned ? "late_after_abandonment" : null, f.document(), SCHEMA);
        }
        // 9. provenance
        String corr = r.correlationId();
        LedgerRecords.provenance(sql, abandoned ? "execution.submission_detected_after_abandonment"
                        : "execution.submission_recorded", locked.projectModule(), id, ACTOR, corr, new JsonObject()
                .put("submission_receipt_sha256", f.receiptSha256()).put("receipt", f.document())
                .put("operator_abandonment_preserved", abandoned));
        if (status == ExecutionStatus.AWAITING_SCHEDULER && row.status() != ExecutionStatus.AWAITING_SCHEDULER) {
            LedgerRecords.provenance(sql, "execution.awaiting_scheduler", locked.projectModule(), id, ACTOR, corr,
                    new JsonObject().put("from_status", row.status().wire()).put("to_status", status.wire())
                            .put("submission_receipt_sha256", f.receiptSha256()));
        }
        // 10. the first dim_poll round (dry-run mode), only for a live DALiuGE execution
        UUID pollJob = null;
        if (r.dimPoll() != null && !slurm && !terminal && !abandoned) {
            // the in-transaction enqueue only uses the caller's transaction, not the queue's pool
            pollJob = JobQueue.enqueueIn(sql, new EnqueueRequest("dim_poll", new JsonObject()
                    .put("execution_id", id.toString()).put("poll_round", 0)
                    .put("use_real_backends", r.dimPoll().useRealBackends())
                    .put("correlation_id", corr == null ? id.toString() : corr), r.dimPoll().pool(), DIM_POLL_CAPABILITY,
                    new JsonObject(), 0, dev.beampipe.model.queue.RetryPolicy.DEFAULT_MAX_ATTEMPTS, 0,
                    "dim_poll:" + id + ":0", id)).id();
        }
        String submissionAfter = abandoned ? row.submissionState() : SubmissionState.SUBMITTED.wire();
        return new Recorded(id, status.wire(), submissionAfter, f.receiptSha256(), artifact, false, abandoned, pollJob);
    }

    /**
     * Step 2's exact replay: same identifiers and graph digest, and the stored artifact identical. The graph is
     * compared by PostgreSQL ({@code inline_json = $n::jsonb}), which compares numbers by value: a graph holding
     * {@code 1.0E7} is stored by JSONB as {@code 10000000} and still replays (10-state §8.2 item 29).
     */
    private static Optional<UUID> exactReplay(Sql sql, ExecutionStore.LockedRow locked, Receipt r, Fingerprint f) {
        ExecutionRow row = locked.row();
        if (!Objects.equals(row.schedulerName(), r.schedulerName()) || !Objects.equals(row.schedulerJobId(), r.schedulerJobId())
                || !Objects.equals(row.daliugeSessionId(), r.daliugeSessionId())
                || !Objects.equals(row.remoteSessionDir(), r.remoteSessionDir())
                || !f.graphSha256().equals(locked.physicalGraphSha256())) {
            return Optional.empty();
        }
        return sql.first("SELECT uuid FROM execution_artifacts WHERE execution_id = $1 AND kind = $2 AND sha256 = $3 "
                        + "AND inline_json = $4::jsonb AND media_type = $5 AND size_bytes = $6 AND producer_phase = $7 "
                        + "AND metadata->>'submission_receipt_sha256' = $8", x -> x.getUUID(0),
                row.uuid(), ARTIFACT_KIND, f.graphSha256(), r.physicalGraph(), MEDIA_TYPE, f.graphSize(), PRODUCER_PHASE,
                f.receiptSha256());
    }

    private static boolean differs(String persisted, String received) {
        return persisted != null && !persisted.equals(received);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
