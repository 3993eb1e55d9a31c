package dev.beampipe.model.ledger.execute;

import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.outcome.TerminalEffects;
import dev.beampipe.model.ledger.state.ControlPhase;
import dev.beampipe.model.ledger.state.ExecutionPhase;
import dev.beampipe.model.ledger.state.ExecutionRow;
import dev.beampipe.model.ledger.state.ExecutionStatus;
import dev.beampipe.model.ledger.state.LedgerPatch;
import dev.beampipe.model.ledger.state.PhaseChange;
import dev.beampipe.model.ledger.state.StatePatch;
import dev.beampipe.model.ledger.state.SubmissionState;
import dev.beampipe.model.ledger.store.ExecutionStore;
import dev.beampipe.model.ledger.store.LedgerRecords;
import dev.beampipe.model.ledger.store.LedgerRecords.StoredArtifact;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger writes of the {@code execute} job's stages (10-state §5.3 steps 9–15, 40-backends §6.5), each in the
 * caller's transaction. Every write locks the row, re-checks that the execution is still non-terminal and that no
 * submission was begun ({@code in_flight|uncertain|submitted}), and returns whether it applied; otherwise (or against
 * a missing row) nothing is written. Provenance comes from the pure ledger
 * patch: {@code execution.running} only when the status actually changed, {@code execution.execute_started} only
 * when the phase changed to {@code submit}.
 */
public final class ExecuteLedger {
    public static final String DRY_RUN_REQUEST = "dry_run_request";

    private ExecuteLedger() {
    }

    /** The three pre-submit inline artifacts; {@code manifestPath} is the project's {@code manifest.path} (metadata only). */
    public record GraphArtifacts(JsonObject manifest, JsonObject sourceGraph, JsonObject patchedGraph, String manifestPath) {
    }

    /** What {@link #storeGraphArtifacts} stored; the artifacts are null when it did not apply. */
    public record StoredGraphArtifacts(boolean applied, StoredArtifact manifest, StoredArtifact sourceGraph,
                                       StoredArtifact patchedGraph) {
    }

    /** Step 12's re-check: the execution exists and is not terminal (a plain read; every write re-checks under its lock). */
    public static boolean nonTerminal(Sql sql, UUID id) {
        return ExecutionStore.read(sql, id).map(l -> !l.row().terminal()).orElse(false);
    }

    /** Step 9: a submit-stage replay of a {@code retrying} execution → {@code running}, phase {@code submit}, error cleared. */
    public static boolean resumeSubmitReplay(Sql sql, UUID id, String correlationId) {
        Optional<ExecutionRow> row = active(sql, id);
        if (row.isEmpty() || row.get().status() != ExecutionStatus.RETRYING) {
            return false;
        }
        ExecutionStore.applyLedger(sql, id, LedgerPatch.toStatus(ExecutionStatus.RUNNING)
                .withPhase(PhaseChange.set(ExecutionPhase.SUBMIT)).clearingError(), correlationId);
        return true;
    }

    /** Step 10: state patch {@code control_phase='admitted'}. */
    public static boolean markAdmitted(Sql sql, UUID id, String correlationId) {
        return active(sql, id).isPresent() && !ExecutionStore.applyState(sql, id,
                StatePatch.builder().controlPhase(ControlPhase.ADMITTED).build(), correlationId).orElseThrow().ignored();
    }

    /** Step 11 (not replaying): ledger → {@code running}, phase {@code stage_and_manifest}. */
    public static boolean markStageRunning(Sql sql, UUID id, String correlationId) {
        if (active(sql, id).isEmpty()) {
            return false;
        }
        ExecutionStore.applyLedger(sql, id, LedgerPatch.toStatus(ExecutionStatus.RUNNING)
                .withPhase(PhaseChange.set(ExecutionPhase.STAGE_AND_MANIFEST)), correlationId);
        return true;
    }

    /**
     * Step 13: the artifacts {@code manifest} ({@code manifest_generated}, {@code {"project_module"}}),
     * {@code source_graph} ({@code graph_loaded}, {@code {"immutable":true}}) and {@code patched_graph}
     * ({@code graph_patched}, {@code {"manifest_path","manifest_sha256"}}), idempotent by digest; their digests on the
     * row; state patch {@code control_phase='graph_patched'}.
     */
    public static StoredGraphArtifacts storeGraphArtifacts(Sql sql, UUID id, GraphArtifacts a, String correlationId) {
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, id);
        if (locked.isEmpty() || !beforeSubmission(locked.get().row())) {
            return new StoredGraphArtifacts(false, null, null, null);
        }
        StoredArtifact manifest = LedgerRecords.inlineArtifact(sql, id, "manifest", "manifest_generated", a.manifest(),
                new JsonObject().put("project_module", locked.get().projectModule()));
        StoredArtifact source = LedgerRecords.inlineArtifact(sql, id, "source_graph", "graph_loaded", a.sourceGraph(),
                new JsonObject().put("immutable", true));
        StoredArtifact patched = LedgerRecords.inlineArtifact(sql, id, "patched_graph", "graph_patched", a.patchedGraph(),
                new JsonObject().put("manifest_path", a.manifestPath()).put("manifest_sha256", manifest.sha256()));
        sql.update("UPDATE batch_execution_record SET manifest_sha256 = $2, source_graph_sha256 = $3, "
                + "patched_graph_sha256 = $4, updated_at = now() WHERE uuid = $1", id, manifest.sha256(), source.sha256(),
                patched.sha256());
        ExecutionStore.applyState(sql, id, StatePatch.builder().controlPhase(ControlPhase.GRAPH_PATCHED).build(),
                correlationId);
        return new StoredGraphArtifacts(true, manifest, source, patched);
    }

    /**
     * Step 14 ({@code do_submit=false}): ledger → {@code not_submitted}, phase NULL, the manifest stored (merged as in
     * {@link #submitManifest}); the sources finalized as a success and {@code execution.not_submitted} recorded
     * ({@link TerminalEffects}).
     */
    public static boolean markNotSubmitted(Sql sql, UUID id, JsonObject manifest, String correlationId) {
        Optional<ExecutionStore.LockedRow> locked = ExecutionStore.lock(sql, id).filter(l -> beforeSubmission(l.row()));
        if (locked.isEmpty()) {
            return false;
        }
        ExecutionStore.applyLedger(sql, id, LedgerPatch.toStatus(ExecutionStatus.NOT_SUBMITTED)
                .withPhase(PhaseChange.CLEAR)
                .withWorkflowManifest(submitManifest(locked.get().row().workflowManifest(), manifest)), correlationId);
        TerminalEffects.entered(sql, locked.get(), ExecutionStatus.NOT_SUBMITTED, correlationId);
        return true;
    }

    /**
     * Step 15: phase {@code submit} and {@code workflow_manifest} = the built manifest with the automated admission
     * record kept ({@link #submitManifest}); {@code execution.execute_started} when the phase changed.
     */
    public static boolean markSubmitStarted(Sql sql, UUID id, JsonObject manifest, String correlationId) {
        Optional<ExecutionRow> row = active(sql, id);
        if (row.isEmpty()) {
            return false;
        }
        ExecutionStore.applyLedger(sql, id, LedgerPatch.empty().withPhase(PhaseChange.set(ExecutionPhase.SUBMIT))
                .withWorkflowManifest(submitManifest(row.get().workflowManifest(), manifest)), correlationId);
        return true;
    }

    /** The automated admission record's keys in {@code beampipe_run_record.scheduler} (10-state §1.2, §4.2). */
    public static final List<String> ADMISSION_KEYS = List.of("policy_decision", "claim_token", "admitted_source_count",
            "queue_depth");

    /**
     * The manifest stored at submit: the built manifest replaces the stored document (as in the reference), except
     * that the automated admission record of the stored document — only the {@link #ADMISSION_KEYS} of
     * {@code beampipe_run_record.scheduler} — is kept when the built manifest has none (our fix of 10-state §8.2
     * item 21: the reference drops it). Anything else a previous attempt left there (a
     * {@code slurm_completion {reason:"poll_timeout"}} marker) is not carried into a retried execution.
     */
    public static JsonObject submitManifest(JsonObject stored, JsonObject built) {
        JsonObject out = built == null ? new JsonObject() : built.copy();
        JsonObject storedRecord = stored == null ? null : stored.getJsonObject("beampipe_run_record");
        JsonObject storedScheduler = storedRecord == null || !(storedRecord.getValue("scheduler") instanceof JsonObject s)
                ? null : s;
        JsonObject scheduler = new JsonObject();
        if (storedScheduler != null) {
            ADMISSION_KEYS.stream().filter(storedScheduler::containsKey)
                    .forEach(k -> scheduler.put(k, storedScheduler.getValue(k)));
        }
        if (!scheduler.isEmpty()) {
            JsonObject record = out.getJsonObject("beampipe_run_record");
            record = record == null ? new JsonObject() : record.copy();
            if (!record.containsKey("scheduler")) {
                record.put("scheduler", scheduler);
            }
            out.put("beampipe_run_record", record);
        }
        return out;
    }

    /**
     * A side-effecting call the dry-run backend did not send (decision 14, 10-state §1.5 item 14): an inline
     * {@code dry_run_request} artifact (producer phase = {@code stage}, metadata {@code {"stage","dry_run":true}}),
     * idempotent by digest. The stored (and hashed) document is the request with {@code "stage"} added, so equal
     * requests of different stages (callers name the call in the stage) are two artifacts, and a replay of the same
     * call is one. Written whatever the execution's status (a dry-run poll may describe a call on a row that just
     * became terminal); empty when the execution does not exist.
     */
    public static Optional<StoredArtifact> recordDryRunRequest(Sql sql, UUID id, String stage, JsonObject request) {
        if (stage == null || stage.isBlank() || stage.length() > 64) {
            throw new IllegalArgumentException("a dry-run request needs a stage name of 1..64 characters");
        }
        if (request == null) {
            throw new IllegalArgumentException("a dry-run request needs the request it describes");
        }
        if (request.containsKey("stage") && !stage.equals(request.getValue("stage"))) {
            throw new IllegalArgumentException("a dry-run request's own \"stage\" must be its stage name");
        }
        if (sql.count("SELECT count(*) FROM batch_execution_record WHERE uuid = $1", id) == 0) {
            return Optional.empty();
        }
        return Optional.of(LedgerRecords.inlineArtifact(sql, id, DRY_RUN_REQUEST, stage, request.copy().put("stage", stage),
                new JsonObject().put("stage", stage).put("dry_run", true)));
    }

    /**
     * Locks the row; present only while the pre-submission stages may still write: not terminal and no submission
     * begun ({@code in_flight|uncertain|submitted}). Once the intent exists, a worker that lost its lease but keeps
     * going must not rewind the control phase or the execution phase, re-stage or overwrite the digests and the
     * manifest (and its run record) of the run that owns the submission.
     */
    private static Optional<ExecutionRow> active(Sql sql, UUID id) {
        return ExecutionStore.lock(sql, id).map(ExecutionStore.LockedRow::row).filter(ExecuteLedger::beforeSubmission);
    }

    private static boolean beforeSubmission(ExecutionRow row) {
        return !row.terminal() && !SubmissionState.parse(row.submissionState()).holdsAutomaticWork();
    }

    /** Step 12's re-check before staging (a plain read): non-terminal and no submission begun (see {@link #active}). */
    public static boolean beforeSubmission(Sql sql, UUID id) {
        return ExecutionStore.read(sql, id).map(l -> beforeSubmission(l.row())).orElse(false);
    }
}
