package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.execute.ExecuteLedger;
import dev.beampipe.model.ledger.outcome.ExecutionFailure;
import dev.beampipe.model.ledger.slurm.SlurmRunRecord;
import dev.beampipe.model.slurm.protocol.BatchFiles;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.submission.Receipt;
import dev.beampipe.model.ledger.submission.SubmissionFailure;
import dev.beampipe.model.ledger.submission.SubmissionReceipts;
import dev.beampipe.model.ledger.submission.SubmissionHold;
import dev.beampipe.model.ledger.submission.SubmissionIntent;
import dev.beampipe.model.ledger.store.LedgerRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** {@link ExecuteLedgerPort} over the shared-model ledger transactions, one transaction per call. */
public final class LedgerExecutePort implements ExecuteLedgerPort {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Database db;

    public LedgerExecutePort(Database db) {
        this.db = db;
    }

    @Override
    public boolean resumeSubmitReplay(UUID id, String correlationId) {
        return db.inTransaction(sql -> ExecuteLedger.resumeSubmitReplay(sql, id, correlationId));
    }

    @Override
    public boolean markAdmitted(UUID id, String correlationId) {
        return db.inTransaction(sql -> ExecuteLedger.markAdmitted(sql, id, correlationId));
    }

    @Override
    public boolean markRunning(UUID id, String correlationId) {
        return db.inTransaction(sql -> ExecuteLedger.markStageRunning(sql, id, correlationId));
    }

    @Override
    public boolean active(UUID id) {
        return ExecuteLedger.beforeSubmission(db.sql(), id);
    }

    @Override
    public boolean storeGraphArtifacts(UUID id, PreparedRun run, String correlationId) {
        ExecuteLedger.GraphArtifacts artifacts = new ExecuteLedger.GraphArtifacts(json(run.manifest()),
                json(run.sourceGraph()), json(run.patchedGraph()), run.manifestPath());
        return db.inTransaction(sql -> ExecuteLedger.storeGraphArtifacts(sql, id, artifacts, correlationId)).applied();
    }

    @Override
    public Optional<JsonNode> storedPatchedGraph(UUID id) {
        return db.sql().first("SELECT a.inline_json::text FROM execution_artifacts a JOIN batch_execution_record b "
                        + "ON b.uuid = a.execution_id AND b.patched_graph_sha256 = a.sha256 "
                        + "WHERE a.execution_id = $1 AND a.kind = 'patched_graph'",
                r -> r.getString(0), id).map(LedgerExecutePort::tree);
    }

    @Override
    public boolean markNotSubmitted(UUID id, ObjectNode manifest, String correlationId) {
        return db.inTransaction(sql -> ExecuteLedger.markNotSubmitted(sql, id, json(manifest), correlationId));
    }

    @Override
    public boolean markSubmitStarted(UUID id, ObjectNode manifest, String correlationId) {
        return db.inTransaction(sql -> ExecuteLedger.markSubmitStarted(sql, id, json(manifest), correlationId));
    }

    @Override
    public Optional<Intent> beginSubmission(UUID id, String schedulerName, String sessionId, String managerUrl,
                                            String targetFingerprint, long timeoutSeconds, String correlationId) {
        SubmissionIntent.Outcome outcome = SubmissionIntent.begin(db, id, schedulerName, sessionId, managerUrl,
                timeoutSeconds, targetFingerprint);
        if (!(outcome instanceof SubmissionIntent.Begun begun)) {
            return Optional.empty();
        }
        // the budget on the database clock; nanoTime taken before the read, so the local bound is never later
        long start = System.nanoTime();
        Duration budget = SubmissionIntent.remaining(db.sql(), id);
        return Optional.of(new Intent(begun.deadline().toInstant(), SubmitRequest.nanosFrom(start, budget)));
    }

    @Override
    public void recordSessionCleanup(UUID id, SessionCleanup c, String correlationId) {
        JsonObject payload = new JsonObject().put("daliuge_session_id", c.sessionId())
                .put("failed_operation", c.failedOperation()).put("failure", c.failure())
                .put("delete", c.deleted() ? "succeeded" : "failed").put("delete_error", c.deleteError());
        db.inTransaction(sql -> {
            LedgerRecords.observation(sql, id, "daliuge_session", c.deleted() ? "deleted" : "unknown",
                    c.deleted() ? "deleted_after_definite_failure" : "delete_failed_after_definite_failure",
                    "the session was created before a definite " + c.failedOperation() + " failure", payload, null);
            return null;
        });
    }

    @Override
    public void recordReceipt(UUID id, Submitted submitted, ObjectNode manifest, String dimPollPool,
                              String correlationId) {
        JsonArray graph = new JsonArray(StableJson.write(submitted.physicalGraph()));
        Receipt receipt;
        if (submitted instanceof SlurmSubmitted slurm) {
            BatchFiles.LogPaths logs = BatchFiles.logPaths(slurm.jobId(), slurm.sessionDir(), null);
            receipt = Receipt.slurm(id, slurm.jobId(), slurm.sessionId(), slurm.sessionDir(), slurm.stagingRoot(),
                    SlurmRunRecord.submitted(json(manifest), new SlurmRunRecord.Submission(slurm.sessionId(), slurm.jobId(),
                            slurm.compositeId(), slurm.submittedAt(), slurm.loginNode(), slurm.remoteUser(),
                            slurm.sessionDir(), slurm.stagingRoot(), logs.stdout(), logs.stderr())), graph, correlationId);
        } else {
            DimSubmitted dim = (DimSubmitted) submitted;
            receipt = Receipt.daliuge(id, dim.sessionId(), json(manifest), graph,
                    new Receipt.DimDeploy(OffsetDateTime.ofInstant(dim.deployedAt(), ZoneOffset.UTC),
                            dim.dimRestBase(), dim.verifySsl()),
                    dimPollPool == null ? null : new Receipt.DimPoll(dimPollPool, false), correlationId);
        }
        SubmissionReceipts.record(db, receipt);
    }

    @Override
    public boolean failSubmission(UUID id, String error, String correlationId) {
        return db.inTransaction(sql -> SubmissionFailure.definite(sql, id, error, correlationId)).failed();
    }

    @Override
    public void hold(UUID id, String error, FailureClass failureClass, String correlationId) {
        db.inTransaction(sql -> SubmissionHold.hold(sql, id, error, failureClass, correlationId));
    }

    @Override
    public TerminalFailure failTerminal(UUID id, String error, FailureClass failureClass, String correlationId) {
        ExecutionFailure.Result result = db.inTransaction(sql -> ExecutionFailure.failTerminal(sql, id, error, failureClass,
                ExecutionFailure.ACTOR, correlationId));
        if (result.kind() == ExecutionFailure.Kind.FAILED) {
            return TerminalFailure.FAILED;
        }
        // terminal already (or reconciled to another terminal status), or missing: nothing for this job to do
        return result.kind() == ExecutionFailure.Kind.SUBMISSION_HELD ? TerminalFailure.SUBMISSION_HELD
                : TerminalFailure.NOT_APPLIED;
    }

    @Override
    public void recordDryRunRequest(UUID id, String stage, JsonObject request) {
        db.inTransaction(sql -> ExecuteLedger.recordDryRunRequest(sql, id, stage, request));
    }

    static JsonObject json(JsonNode node) {
        return new JsonObject(StableJson.write(node));
    }

    private static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored patched_graph is not JSON", e);
        }
    }
}
