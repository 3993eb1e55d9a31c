package dev.beampipe.model.ledger.store;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.ledger.state.ExecutionPhase;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.LedgerPatch;
import dev.beampipe.model.ledger.state.ProvenanceEvent;
import dev.beampipe.model.ledger.state.StatePatch;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads an execution row into the pure {@link ExecutionRow} under {@code FOR UPDATE} and writes back what the two
 * write paths ({@link StatePatch}, {@link LedgerPatch}) computed, with their provenance rows, in the caller's
 * transaction. The rules stay pure; this class only moves columns. "Now" is the database's {@code clock_timestamp()}
 * read after the lock was granted, so a writer that waited for the lock never stamps a stale time.
 */
public final class ExecutionStore {
    static final String COLUMNS = "uuid, status, execution_phase, control_phase, submission_state, scheduler_name, "
            + "scheduler_job_id, scheduler_state, scheduler_raw_state, scheduler_reason, daliuge_session_id, "
            + "daliuge_manager_url, daliuge_state, daliuge_raw_status, remote_session_dir, output_state, "
            + "output_verification_required, terminal_outcome, failure_class, last_error, retry_count, phase_timestamps, "
            + "workflow_manifest, started_at, completed_at, last_reconciled_at, updated_at, project_module, sources, "
            + "deployment_profile_snapshot, discovery_signature, submission_deadline_at, submission_abandoned_at, "
            + "physical_graph_sha256";

    private ExecutionStore() {
    }

    /**
     * The locked row plus the pinned columns the write paths' callers need for provenance and side effects.
     *
     * @param discoverySignature    the combined admission signature the sources are finalized against
     * @param submissionDeadlineAt  the persisted submit deadline of the intent, if any
     * @param submissionAbandonedAt set once an operator abandoned the submission (a late receipt is evidence only)
     * @param physicalGraphSha256   the recorded receipt's graph digest, if any
     */
    public record LockedRow(ExecutionRow row, String projectModule, List<String> sourceIdentifiers,
                            JsonObject profileSnapshot, String discoverySignature, OffsetDateTime submissionDeadlineAt,
                            OffsetDateTime submissionAbandonedAt,
                            String physicalGraphSha256) {
        public boolean abandoned() {
            return submissionAbandonedAt != null;
        }
    }

    /** {@code SELECT … FOR UPDATE}; empty when the execution does not exist. */
    public static Optional<LockedRow> lock(Sql sql, UUID id) {
        return sql.first("SELECT " + COLUMNS + " FROM batch_execution_record WHERE uuid = $1 FOR UPDATE",
                ExecutionStore::locked, id);
    }

    /** A plain read (no lock), for decisions that a later locked write re-checks. */
    public static Optional<LockedRow> read(Sql sql, UUID id) {
        return sql.first("SELECT " + COLUMNS + " FROM batch_execution_record WHERE uuid = $1", ExecutionStore::locked, id);
    }

    /** Write path 2 under the row lock; empty when the execution does not exist. Ignored (terminal) rows are not written. */
    public static Optional<StatePatch.Result> applyState(Sql sql, UUID id, StatePatch patch, String correlationId) {
        Optional<LockedRow> locked = lock(sql, id);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        StatePatch.Result result = StatePatch.apply(locked.get().row(), patch, clock(sql));
        if (!result.ignored()) {
            write(sql, result.row());
            insertProvenance(sql, locked.get(), result.provenance(), correlationId);
        }
        return Optional.of(result);
    }

    /** Write path 1 under the row lock; empty when the execution does not exist. */
    public static Optional<LedgerPatch.Result> applyLedger(Sql sql, UUID id, LedgerPatch patch, String correlationId) {
        Optional<LockedRow> locked = lock(sql, id);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        LedgerPatch.Result result = LedgerPatch.apply(locked.get().row(), patch, correlationId, clock(sql));
        write(sql, result.row());
        insertProvenance(sql, locked.get(), result.provenance(), correlationId);
        return Optional.of(result);
    }

    /** The database's wall clock now (not the transaction start). */
    public static OffsetDateTime clock(Sql sql) {
        return sql.first("SELECT clock_timestamp()", r -> r.getOffsetDateTime(0)).orElseThrow();
    }

    /**
     * Writes every mutable column of {@code row} (the caller holds the row lock). Phase timestamps are merged into the
     * stored object, so a legacy value the rules could not read is kept.
     */
    public static void write(Sql sql, ExecutionRow row) {
        JsonObject stamps = new JsonObject();
        row.phaseTimestamps().forEach((k, v) -> stamps.put(k, Rfc3339.utc(v)));
        sql.update("UPDATE batch_execution_record SET status = $2, execution_phase = $3, control_phase = $4, "
                        + "submission_state = $5, scheduler_name = $6, scheduler_job_id = $7, scheduler_state = $8, "
                        + "scheduler_raw_state = $9, scheduler_reason = $10, daliuge_session_id = $11, "
                        + "daliuge_manager_url = $12, daliuge_state = $13, daliuge_raw_status = $14, remote_session_dir = $15, "
                        + "output_state = $16, terminal_outcome = $17, failure_class = $18, last_error = $19, "
                        + "retry_count = $20, phase_timestamps = COALESCE(phase_timestamps, '{}'::jsonb) || $21::jsonb, workflow_manifest = $22, started_at = $23, "
                        + "completed_at = $24, last_reconciled_at = $25, updated_at = $26 WHERE uuid = $1",
                row.uuid(), row.status().wire(), row.executionPhase() == null ? null : row.executionPhase().wire(),
                row.controlPhase(), row.submissionState(), row.schedulerName(), row.schedulerJobId(), row.schedulerState(),
                row.schedulerRawState(), row.schedulerReason(), row.daliugeSessionId(), row.daliugeManagerUrl(),
                row.daliugeState(), row.daliugeRawStatus(), row.remoteSessionDir(), row.outputState(),
                row.terminalOutcome(), row.failureClass(), row.lastError(), row.retryCount(), stamps,
                row.workflowManifest(), row.startedAt(), row.completedAt(), row.lastReconciledAt(), row.updatedAt());
    }

    private static void insertProvenance(Sql sql, LockedRow locked, List<ProvenanceEvent> events, String correlationId) {
        for (ProvenanceEvent e : events) {
            LedgerRecords.provenance(sql, e.eventType(), locked.projectModule(), locked.row().uuid(), e.actor(),
                    e.correlationId() != null ? e.correlationId() : correlationId, e.payload());
        }
    }

    static LockedRow locked(Row r) {
        return new LockedRow(row(r), r.getString("project_module"), SourceSelection.identifiers(r.getValue("sources")),
                r.getValue("deployment_profile_snapshot") instanceof JsonObject o ? o : null,
                r.getString("discovery_signature"), r.getOffsetDateTime("submission_deadline_at"),
                r.getOffsetDateTime("submission_abandoned_at"),
                r.getString("physical_graph_sha256"));
    }

    static ExecutionRow row(Row r) {
        return new ExecutionRow(r.getUUID("uuid"), ExecutionStatus.parse(r.getString("status")),
                r.getString("execution_phase") == null ? null : ExecutionPhase.parse(r.getString("execution_phase")),
                r.getString("control_phase"), r.getString("submission_state"), r.getString("scheduler_name"),
                r.getString("scheduler_job_id"), r.getString("scheduler_state"), r.getString("scheduler_raw_state"),
                r.getString("scheduler_reason"), r.getString("daliuge_session_id"), r.getString("daliuge_manager_url"),
                r.getString("daliuge_state"), r.getValue("daliuge_raw_status") instanceof JsonObject o ? o : null,
                r.getString("remote_session_dir"), r.getString("output_state"),
                Boolean.TRUE.equals(r.getBoolean("output_verification_required")), r.getString("terminal_outcome"),
                r.getString("failure_class"), r.getString("last_error"), r.getInteger("retry_count"),
                timestamps(r.getValue("phase_timestamps")),
                r.getValue("workflow_manifest") instanceof JsonObject m ? m : null, r.getOffsetDateTime("started_at"),
                r.getOffsetDateTime("completed_at"), r.getOffsetDateTime("last_reconciled_at"),
                r.getOffsetDateTime("updated_at"));
    }

    private static Map<String, OffsetDateTime> timestamps(Object raw) {
        Map<String, OffsetDateTime> out = new TreeMap<>();
        if (raw instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                if (o.getValue(k) instanceof String s) {
                    try {
                        out.put(k, OffsetDateTime.parse(s.replace(' ', 'T')));
                    } catch (RuntimeException ignored) {
                        // a legacy non-timestamp value: left out of the rule input; write() merges, so it is kept
                    }
                }
            }
        }
        return out;
    }
}
