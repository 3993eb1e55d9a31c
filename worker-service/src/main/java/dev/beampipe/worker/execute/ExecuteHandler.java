package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import dev.beampipe.worker.runtime.LeaseLostException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code execute} job (10-state §5.3, the 18 steps; 40-backends §6–§8): from an admitted execution to a DALiuGE
 * submission receipt, or {@code not_submitted}, or a classified failure. Each stage's ledger write is committed
 * before the external call it guards, and {@link JobContext#checkLease()} runs between effectful steps.
 *
 * <p>Guards that complete the job without touching anything: a missing execution; a terminal one
 * ({@code execute_terminal_guard}); a submission {@code in_flight}/{@code uncertain}/{@code submitted}
 * ({@code execute_submission_reconciliation_guard}); an intent another run already began
 * ({@code execute_submit_duplicate_guard}).
 *
 * <p>Errors: a definite backend failure fails the submission (decision 3 follow-ups); an uncertain one holds the
 * execution for reconciliation; any other error re-reads the row — terminal → discarded, submission held → held
 * ({@code in_flight} → {@code uncertain}), else the terminal failure. The job itself completes in all these cases;
 * only a malformed payload, a lost lease or an interrupt fail the attempt — and an interrupt after the submission
 * intent only once the submission's outcome (receipt, failure or hold) is recorded.
 */
public final class ExecuteHandler implements JobHandler {
    public static final String KIND = "execute";
    public static final String SUBMISSION_TIMEOUT = "BEAMPIPE_WORKER_SUBMISSION_TIMEOUT_SECONDS";
    static final long DEFAULT_SUBMISSION_TIMEOUT_SECONDS = 1800;
    private static final Logger LOG = Logger.getLogger(ExecuteHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What the handler reads and uses; one instance per worker.
     *
     * @param realBackend  the REST DALiuGE backend
     * @param slurmBackend the Slurm-over-SSH backend; null on a worker without one (a Slurm profile then fails with a
     *                     configuration error in real mode; its dry run still works, with an empty environment)
     */
    public record Dependencies(Database db, PinnedInputs pinned, ExecuteLedgerPort ledger,
                               StagingStep staging, ManifestStep manifests, ExecutionBackend realBackend,
                               EnvValues env, Clock clock, ExecuteMetrics metrics, SlurmExecutionBackend slurmBackend) {
        public Dependencies(Database db, PinnedInputs pinned, ExecuteLedgerPort ledger, StagingStep staging,
                            ManifestStep manifests, ExecutionBackend realBackend, EnvValues env, Clock clock,
                            ExecuteMetrics metrics) {
            this(db, pinned, ledger, staging, manifests, realBackend, env, clock, metrics, null);
        }
    }

    private final Dependencies deps;

    public ExecuteHandler(Dependencies deps) {
        this.deps = deps;
    }

    /** Closes the Slurm backend's SSH client. */
    @Override
    public void close() {
        if (deps.slurmBackend() != null) {
            deps.slurmBackend().close();
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(JobContext context) throws Exception {
        ExecuteOptions options = ExecuteOptions.parse(context.job().payload(), deps.env());
        UUID id = options.executionId();
        String correlation = context.correlationId();
        Optional<ExecutionFacts> read = ExecutionFacts.read(deps.db().sql(), id);
        if (read.isEmpty()) {
            LOG.infof("event=execute_missing_execution execution_id=%s", id);
            return JobResult.done();
        }
        ExecutionFacts facts = read.get();
        if (facts.terminal()) {
            LOG.infof("event=execute_terminal_guard execution_id=%s status=%s", id, facts.status());
            return JobResult.done();
        }
        if (facts.submissionHeld()) {
            LOG.infof("event=execute_submission_reconciliation_guard execution_id=%s submission_state=%s",
                    id, facts.submissionState());
            return JobResult.done();
        }
        long started = System.nanoTime();
        try {
            run(context, options, facts, correlation);
        } catch (LeaseLostException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.interrupted()) {
                // an interrupt (lost lease, shutdown) that surfaced as another error: it is not the execution's
                // failure — the next run redoes the stages — except that a begun submission must not stay
                // in_flight. The flag is cleared meanwhile: the database client refuses to block on an interrupted
                // thread.
                holdIfSubmissionBegun(facts.id(), e, correlation);
                Thread.currentThread().interrupt();
                throw new InterruptedException("execute job interrupted: " + e.getMessage());
            }
            onError(facts, e, correlation);
        } finally {
            deps.metrics().duration("total", System.nanoTime() - started);
        }
        return JobResult.done();
    }

    private void run(JobContext context, ExecuteOptions options, ExecutionFacts facts, String correlation)
            throws InterruptedException {
        UUID id = facts.id();
        ExecuteLedgerPort ledger = deps.ledger();
        boolean replay = "submit".equals(facts.executionPhase()) && facts.workflowManifest() != null
                && facts.manifestSha256() != null;

        long stageStarted = System.nanoTime();
        // step 5: pinned config and profile
        PinnedInputs.PinnedConfig config = deps.pinned().config(facts);
        DeploymentProfile profile = deps.pinned().profile(facts);
        Deployment deployment = profile.deployment();
        if (options.doSubmit() && !options.dryRun() && deployment instanceof SlurmRemoteDeployment
                && deps.slurmBackend() == null) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, "deployment profile '" + profile.name()
                    + "' is slurm_remote but this worker has no Slurm backend configured");
        }
        // steps 6-7: readiness, signature, the pinned rows and the expected scope
        PinnedScope.Selected selected = deps.pinned().selection(facts);
        context.checkLease();

        // step 8: preflight, real backends only
        StagingStep.Mode stagingMode = replay ? StagingStep.Mode.DISABLED : deps.staging().mode(options, facts.archiveName());
        if (!options.dryRun()) {
            if (options.doSubmit()) {
                if (deployment instanceof RestRemoteDeployment rest) {
                    Preflight.translatorReachable(profile.translation(), rest.verifySsl());
                    Preflight.islandManagerReachable(rest);
                } else if (deployment instanceof SlurmRemoteDeployment slurm) {
                    Preflight.translatorReachable(profile.translation(), SlurmExecutionBackend.verifySsl(slurm));
                    deps.slurmBackend().preflight(slurm);
                }
            }
            if (stagingMode == StagingStep.Mode.CASDA && StagingStep.CASDA_ARCHIVE.equalsIgnoreCase(facts.archiveName())) {
                Preflight.casdaCredentialsAccepted(deps.staging().casda());
            }
        }
        context.checkLease();

        // steps 9-11
        // each write refuses (false) once the execution is terminal or a submission was begun by another run
        if (replay && "retrying".equals(facts.status())) {
            ledger.resumeSubmitReplay(id, correlation);
        }
        if (!ledger.markAdmitted(id, correlation) || (!replay && !ledger.markRunning(id, correlation))) {
            LOG.infof("event=execute_terminal_guard execution_id=%s stage=admitted", id);
            return;
        }

        // steps 12-13
        ObjectNode manifest;
        JsonNode patchedGraph;
        if (replay) {
            manifest = tree(facts.workflowManifest().encode());
            PinnedScope.requireSame(selected.expected(), PinnedScope.ofManifest(manifest), "stored workflow manifest");
            patchedGraph = ledger.storedPatchedGraph(id).orElseThrow(() -> new ExecuteFailure(FailureClass.INCONSISTENT_STATE,
                    "submit replay found no stored patched_graph artifact"));
        } else {
            if (!ledger.active(id)) {
                LOG.infof("event=execute_terminal_guard execution_id=%s stage=stage_and_manifest", id);
                return;
            }
            DryRunRecorder recorder = (stage, request) -> ledger.recordDryRunRequest(id, stage, request);
            StagingStep.Staged staged = deps.staging().stage(stagingMode, selected.records(), recorder);
            StagingStep.requireExpected(selected.expected(), staged);
            context.checkLease();
            PreparedRun prepared = deps.manifests().prepare(id, facts.createdAt().getEpochSecond(), facts.projectModule(),
                    config.config(), deps.pinned().graph(config, options.dryRun() ? recorder : null), staged.records(),
                    selected.expected());
            if (!ledger.storeGraphArtifacts(id, prepared, correlation)) {
                LOG.infof("event=execute_terminal_guard execution_id=%s stage=graph_patched", id);
                return;
            }
            manifest = prepared.manifest();
            patchedGraph = prepared.patchedGraph();
        }
        context.checkLease();

        deps.metrics().duration("stage", System.nanoTime() - stageStarted);
        // step 14
        if (!options.doSubmit()) {
            if (ledger.markNotSubmitted(id, manifest, correlation)) {
                deps.metrics().terminal(facts.projectModule(), "not_submitted");
            }
            LOG.infof("event=execute_not_submitted execution_id=%s", id);
            return;
        }
        long submitStarted = System.nanoTime();
        try {
            submit(context, options, facts, correlation, profile, manifest, patchedGraph);
        } finally {
            deps.metrics().duration("submit", System.nanoTime() - submitStarted);
        }
    }

    /** Steps 15–18. */
    private void submit(JobContext context, ExecuteOptions options, ExecutionFacts facts, String correlation,
                        DeploymentProfile profile, ObjectNode manifest, JsonNode patchedGraph)
            throws InterruptedException {
        UUID id = facts.id();
        ExecuteLedgerPort ledger = deps.ledger();
        // step 15, with the backend mode the DIM polling follows (recorded before the intent, so a held
        // submission carries it too)
        manifest = BackendMode.of(!options.dryRun()).recordIn(manifest);
        if (!ledger.markSubmitStarted(id, manifest, correlation)) {
            LOG.infof("event=execute_terminal_guard execution_id=%s stage=submit", id);
            return;
        }
        context.checkLease();

        // step 16: the intent is committed before anything is sent
        Deployment deployment = profile.deployment();
        ExecutionBackend backend = backend(options, deployment, (stage, request) -> ledger.recordDryRunRequest(id, stage, request));
        String sessionId = SessionIds.forExecution(id, facts.createdAt());
        Optional<ExecuteLedgerPort.Intent> intent = ledger.beginSubmission(id, backend.schedulerName(), sessionId,
                backend.managerUrl(deployment), backend.targetFingerprint(deployment),
                submissionTimeoutSeconds(deps.env()), correlation);
        if (intent.isEmpty()) {
            LOG.infof("event=execute_submit_duplicate_guard execution_id=%s session_id=%s", id, sessionId);
            return;
        }

        // step 17: bounded by the persisted deadline, classified. From here on the intent — not the lease — prevents a
        // second submit, so a lost lease or a shutdown does not cut the submission off (DeadlineBound shields it);
        // its outcome is recorded first, then the interrupt is honoured.
        Submitted submitted = null;
        SubmitFailure failure = null;
        boolean interrupted;
        try {
            submitted = backend.submit(new SubmitRequest(id, sessionId, patchedGraph, profile.translation(), deployment,
                    intent.get().deadline(), intent.get().deadlineNanos()));
            interrupted = Thread.interrupted();
        } catch (SubmitFailure f) {
            failure = f;
            interrupted = Thread.interrupted();
        } catch (InterruptedException e) {
            Thread.interrupted();
            interrupted = true;
            failure = SubmitFailure.uncertain(FailureClass.INCONSISTENT_STATE,
                    "the execute job was interrupted during the backend submission", e);
        }
        if (failure != null) {
            recordFailure(facts, failure, correlation);
        } else {
            // step 18
            ledger.recordReceipt(id, submitted, manifest, options.dryRun() ? context.job().pool() : null, correlation);
            LOG.infof("event=execute_submitted execution_id=%s session_id=%s dry_run=%s drops=%d", id, sessionId,
                    options.dryRun(), submitted.physicalGraph().size());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedException("execute job interrupted after its submission outcome was recorded");
        }
    }

    /** REST or Slurm, real or dry run (decision 14: a dry run sends nothing, whatever the deployment kind). */
    private ExecutionBackend backend(ExecuteOptions options, Deployment deployment, DryRunRecorder recorder) {
        if (deployment instanceof SlurmRemoteDeployment) {
            return options.dryRun() ? new SlurmDryRunBackend(recorder, deps.clock(),
                    deps.slurmBackend() == null ? Map.of() : deps.slurmBackend().env()) : deps.slurmBackend();
        }
        return options.dryRun() ? new DryRunBackend(recorder, deps.clock()) : deps.realBackend();
    }

    /** Step 17's classified failure: definite → the submission fails; otherwise held for reconciliation. */
    private void recordFailure(ExecutionFacts facts, SubmitFailure f, String correlation) {
        UUID id = facts.id();
        ExecuteLedgerPort ledger = deps.ledger();
        f.cleanup().ifPresent(c -> ledger.recordSessionCleanup(id, c, correlation));
        if (f.definite()) {
            LOG.warnf("event=execute_submission_failed execution_id=%s error=\"%s\"", id, f.getMessage());
            if (ledger.failSubmission(id, f.getMessage(), correlation)) {
                deps.metrics().terminal(facts.projectModule(), "failed");
            }
        } else {
            LOG.warnf("event=execute_submission_uncertain execution_id=%s failure_class=%s error=\"%s\"", id,
                    f.failureClass().wire(), f.getMessage());
            ledger.hold(id, f.getMessage(), f.failureClass(), correlation);
        }
    }

    private void holdIfSubmissionBegun(UUID id, Exception e, String correlation) {
        Optional<ExecutionFacts> now = ExecutionFacts.read(deps.db().sql(), id);
        if (now.isPresent() && !now.get().terminal() && now.get().submissionHeld()) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("event=execute_submission_held execution_id=%s submission_state=%s error=\"%s\"", id,
                    now.get().submissionState(), message);
            deps.ledger().hold(id, message, FailureClass.INCONSISTENT_STATE, correlation);
        }
    }

    /** §5.3 "Error handling": re-read; terminal → discard; held → hold; else the terminal failure. */
    private void onError(ExecutionFacts facts, Exception e, String correlation) {
        UUID id = facts.id();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Optional<ExecutionFacts> now = ExecutionFacts.read(deps.db().sql(), id);
        if (now.isEmpty() || now.get().terminal()) {
            LOG.infof("event=execute_error_discarded execution_id=%s reason=terminal error=\"%s\"", id, message);
            return;
        }
        if (now.get().submissionHeld()) {
            LOG.warnf("event=execute_submission_held execution_id=%s submission_state=%s error=\"%s\"", id,
                    now.get().submissionState(), message);
            deps.ledger().hold(id, message, FailureClass.INCONSISTENT_STATE, correlation);
            return;
        }
        FailureClass failureClass = e instanceof ExecuteFailure f ? f.failureClass()
                : e instanceof ScopeException ? FailureClass.VALIDATION : FailureClass.INTERNAL;
        if (!(e instanceof ExecuteFailure) && !(e instanceof ScopeException)) {
            LOG.errorf(e, "event=execute_failed execution_id=%s", id);
        } else {
            LOG.warnf("event=execute_failed execution_id=%s failure_class=%s error=\"%s\"", id, failureClass.wire(), message);
        }
        switch (deps.ledger().failTerminal(id, message, failureClass, correlation)) {
            case FAILED -> deps.metrics().terminal(facts.projectModule(), "failed");
            case SUBMISSION_HELD -> {
                // another run began the intent in between: never fail it, hold it
                LOG.warnf("event=execute_submission_held execution_id=%s error=\"%s\"", id, message);
                deps.ledger().hold(id, message, FailureClass.INCONSISTENT_STATE, correlation);
            }
            case NOT_APPLIED -> LOG.infof("event=execute_error_discarded execution_id=%s reason=terminal error=\"%s\"",
                    id, message);
        }
    }

    static long submissionTimeoutSeconds(EnvValues env) {
        long seconds = env.integer(SUBMISSION_TIMEOUT, DEFAULT_SUBMISSION_TIMEOUT_SECONDS);
        if (seconds < 1 || seconds > 86400) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, SUBMISSION_TIMEOUT + " must be between 1 and 86400");
        }
        return seconds;
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new ExecuteFailure(FailureClass.INCONSISTENT_STATE, "stored workflow_manifest is not a JSON object");
        }
    }
}
