package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.slurm.SlurmPollLedger;
import dev.beampipe.model.ledger.slurm.SlurmPollOutcome;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.slurm.ops.SlurmStatusQuery;
import dev.beampipe.model.slurm.ops.SlurmCommandException;
import dev.beampipe.model.slurm.protocol.FailureText;
import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshSessionPool;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.worker.execute.BackendMode;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls the selected Slurm executions (40-backends §4.8): dry-run executions are observed {@code COMPLETED} without
 * SSH; a misconfigured one records its non-retryable configuration failure; the others are grouped per SSH target
 * (login node, port, user, credential slot) and each group is ONE {@link SlurmStatusQuery} over the target's pooled
 * session, bounded by 60 s. A failure of one target (credentials, host key, connection, command, timeout) is recorded
 * on each of its executions with the scheduler state preserved, and does not touch the other targets. Each execution
 * is then updated in its own row-locked transaction ({@link SlurmPollLedger}).
 */
public final class SlurmPoller {
    private static final Logger LOG = Logger.getLogger(SlurmPoller.class);

    /** Runs one target's query; a test can replace the pooled SSH path. */
    @FunctionalInterface
    public interface TargetQuery {
        Map<String, JobObservation> query(SshTarget target, SshCredentials credentials, List<String> jobIds)
                throws Exception;
    }

    private final Database db;
    private final Map<String, String> env;
    private final SshCredentialResolver credentials;
    private final TargetQuery query;
    private final Duration targetLimit;
    private final Clock clock;
    private final boolean workerReal;
    private final SlurmPollMetrics metrics;

    public SlurmPoller(Database db, Map<String, String> env, TargetQuery query, Duration targetLimit, Clock clock,
                       boolean workerReal, SlurmPollMetrics metrics) {
        this.db = db;
        this.env = Map.copyOf(env);
        this.credentials = new SshCredentialResolver(this.env);
        this.query = query;
        this.targetLimit = targetLimit;
        this.clock = clock;
        this.workerReal = workerReal;
        this.metrics = metrics;
    }

    /** The production query: the pooled session of the target, {@link SlurmStatusQuery}. */
    public static TargetQuery pooled(SshSessionPool pool) {
        SlurmStatusQuery status = new SlurmStatusQuery();
        return (target, creds, ids) -> {
            try {
                return pool.withSession(target, creds, shell -> {
                    try {
                        return status.query(shell, ids);
                    } catch (SshFailure | InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CommandFailed(e);
                    }
                });
            } catch (CommandFailed e) {
                throw (Exception) e.getCause();
            }
        };
    }

    /** Carries a query's command failure through the pool's {@code SessionWork} (which the pool then drops). */
    private static final class CommandFailed extends RuntimeException {
        CommandFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    public interface LeaseCheck {
        void check() throws InterruptedException;
    }

    public void pollAll(List<SlurmPollTarget> targets, String correlationId, LeaseCheck lease) throws InterruptedException {
        Map<SshTarget, List<SlurmPollTarget>> groups = new LinkedHashMap<>();
        for (SlurmPollTarget t : targets) {
            if (t.misconfigured()) {
                apply(t, new SlurmPollOutcome.Failed(t.jobId(), t.problemKind(), FailureClass.CONFIGURATION, false,
                        Redaction.string(t.problem()), clock.instant()), correlationId);
            } else if (BackendMode.effective(t.backendMode(), workerReal) == BackendMode.DRY_RUN) {
                apply(t, SlurmPollOutcome.Observed.dryRun(t.jobId(), clock.instant()), correlationId);
            } else {
                groups.computeIfAbsent(SshTarget.of(t.deployment(), env), k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<SshTarget, List<SlurmPollTarget>> group : groups.entrySet()) {
            lease.check();
            pollTarget(group.getKey(), group.getValue(), correlationId);
        }
    }

    private void pollTarget(SshTarget target, List<SlurmPollTarget> executions, String correlationId)
            throws InterruptedException {
        List<String> ids = executions.stream().map(SlurmPollTarget::jobId).distinct().toList();
        Map<String, JobObservation> seen;
        try {
            SshCredentials creds = credentials.resolve(executions.get(0).deployment().sshCredential());
            seen = bounded(() -> query.query(target, creds, ids));
        } catch (TimeoutException e) {
            failAll(executions, "target_query_timeout", FailureClass.TIMEOUT,
                    "Slurm status query for " + target.display() + " timed out after " + targetLimit.toSeconds() + " s",
                    correlationId);
            return;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String message = "Slurm status query for " + target.display() + " failed: " + e.getMessage();
            failAll(executions, "target_query_failed", FailureClass.parse(pollErrorClass(e, message)), message, correlationId);
            return;
        }
        Instant at = clock.instant();
        for (SlurmPollTarget t : executions) {
            JobObservation o = seen.getOrDefault(t.jobId(), JobObservation.unseen(t.jobId()));
            apply(t, new SlurmPollOutcome.Observed(o, at, false), correlationId);
        }
    }

    /** From the SSH failure's kind when there is one (a target named "auth…" must not read as an auth failure). */
    static String pollErrorClass(Exception e, String message) {
        if (e instanceof SshFailure f) {
            return FailureText.classify(f);
        }
        if (e instanceof SlurmCommandException c && c.sshFailure().isPresent()) {
            return FailureText.classify(c.sshFailure().get());
        }
        return FailureText.classifyPollError(message);
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    /** The 60 s wall-clock limit of one target: the query runs on its own thread and is interrupted past it. */
    private <T> T bounded(Call<T> call) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slurm-poll-target");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> future = executor.submit(call::run);
            try {
                return future.get(targetLimit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private void failAll(List<SlurmPollTarget> executions, String kind, FailureClass failureClass, String message,
                         String correlationId) {
        String redacted = Redaction.string(message);
        LOG.warnf("event=slurm_poll_target_failed kind=%s executions=%d error=\"%s\"", kind, executions.size(), redacted);
        Instant at = clock.instant();
        for (SlurmPollTarget t : executions) {
            apply(t, new SlurmPollOutcome.Failed(t.jobId(), kind, failureClass, true, redacted, at), correlationId);
        }
    }

    private void apply(SlurmPollTarget t, SlurmPollOutcome outcome, String correlationId) {
        try {
            SlurmPollLedger.Applied applied = SlurmPollLedger.apply(db, t.executionId(), t.maxRounds(), outcome,
                    correlationId);
            if (outcome instanceof SlurmPollOutcome.Failed f) {
                metrics.error(f.errorKind());
                metrics.reconciled("slurm", f.errorKind());
            } else {
                metrics.reconciled("slurm", "observed");
            }
            if (applied.enteredTerminal()) {
                metrics.terminal(applied.projectModule(), applied.status().wire());
                LOG.infof("event=slurm_poll_terminal execution_id=%s job_id=%s status=%s", t.executionId(), t.jobId(),
                        applied.status().wire());
            }
        } catch (RuntimeException e) {
            // one execution's ledger error must not stop the others; the next tick polls it again
            metrics.error("ledger_write_failed");
            LOG.errorf(e, "event=slurm_poll_apply_failed execution_id=%s", t.executionId());
        }
    }
}
