package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.ledger.state.FailureClass;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger writes of the execute job, in step order (10-state §5.3). Each is one row-locked transaction that
 * re-checks "non-terminal" and reports whether it applied; {@link LedgerExecutePort} implements them with the
 * shared-model ledger transactions.
 */
public interface ExecuteLedgerPort {
    /** Step 9: a submit replay of a {@code retrying} execution → {@code running}, phase {@code submit}, error cleared. */
    boolean resumeSubmitReplay(UUID id, String correlationId);

    /** Step 10: control phase {@code admitted}. */
    boolean markAdmitted(UUID id, String correlationId);

    /** Step 11: {@code running}, phase {@code stage_and_manifest} (provenance {@code execution.running}). */
    boolean markRunning(UUID id, String correlationId);

    /** Still non-terminal with no submission begun (the re-check of step 12, before staging). */
    boolean active(UUID id);

    /** Step 13: the {@code manifest}, {@code source_graph} and {@code patched_graph} artifacts, digests, {@code graph_patched}. */
    boolean storeGraphArtifacts(UUID id, PreparedRun run, String correlationId);

    /** The stored {@code patched_graph} of a submit replay. */
    Optional<JsonNode> storedPatchedGraph(UUID id);

    /** Step 14: {@code not_submitted}, phase NULL, manifest stored, sources finalized. */
    boolean markNotSubmitted(UUID id, ObjectNode manifest, String correlationId);

    /** Step 15: phase {@code submit}, {@code workflow_manifest}, provenance {@code execution.execute_started}. */
    boolean markSubmitStarted(UUID id, ObjectNode manifest, String correlationId);

    /**
     * Step 16: the submission intent; the persisted deadline and its {@link System#nanoTime()} bound (the budget
     * measured on the database clock), or empty when it was already begun.
     */
    Optional<Intent> beginSubmission(UUID id, String schedulerName, String sessionId, String managerUrl,
                                     String targetFingerprint, long timeoutSeconds, String correlationId);

    /** A begun intent: the persisted deadline and the same instant as a {@link System#nanoTime()} value. */
    record Intent(Instant deadline, long deadlineNanos) {
    }

    /** The evidence of the DIM session delete after a definite append/deploy failure (an observation). */
    void recordSessionCleanup(UUID id, SessionCleanup cleanup, String correlationId);

    /**
     * Step 18: the receipt; with {@code dimPollPool} (REST dry-run mode) the first {@code dim_poll} job is enqueued in
     * that pool in the same transaction. A Slurm receipt merges the submission into
     * {@code beampipe_run_record.slurm} and enqueues nothing: {@code slurm_poll_tick} follows it.
     */
    void recordReceipt(UUID id, Submitted submitted, ObjectNode manifest, String dimPollPool, String correlationId);

    /** A definite submission failure: {@code submission_state=failed}, the execution failed with its follow-ups; true when applied. */
    boolean failSubmission(UUID id, String error, String correlationId);

    /** An error after the intent: held for reconciliation ({@code in_flight} → {@code uncertain}). */
    void hold(UUID id, String error, FailureClass failureClass, String correlationId);

    /** Any other error: the terminal failure with its follow-ups (sources re-pended, provenance, alert). */
    TerminalFailure failTerminal(UUID id, String error, FailureClass failureClass, String correlationId);

    /** What {@link #failTerminal} did. */
    enum TerminalFailure {
        /** The execution failed now. */
        FAILED,
        /** A submission began in between ({@code in_flight|uncertain|submitted}): nothing written, hold instead. */
        SUBMISSION_HELD,
        /** Terminal or missing: nothing written. */
        NOT_APPLIED
    }

    /** One {@code dry_run_request} artifact. */
    void recordDryRunRequest(UUID id, String stage, JsonObject request);
}
