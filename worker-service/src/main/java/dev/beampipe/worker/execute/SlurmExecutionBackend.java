package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.model.slurm.ops.SlurmCommandException;
import dev.beampipe.model.slurm.ops.SlurmConnectivity;
import dev.beampipe.model.slurm.ops.SlurmSubmission;
import dev.beampipe.model.slurm.ops.SlurmSubmitException;
import dev.beampipe.model.slurm.ops.SlurmSubmitter;
import dev.beampipe.model.slurm.protocol.FailureText;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;

import java.util.Map;

/**
 * Slurm over SSH (40-backends §2.7, §4.5–§4.7): the TM's {@code unroll_and_partition} only (one call), the template
 * wrapped as {@code [<sid>.pgt.graph, pgt]} ({@link SlurmPgt}), then {@link SlurmSubmitter} over a fresh SSH session
 * to the profile's login node with the credentials of its slot, the whole call bounded by the persisted deadline.
 *
 * <p>Classification (40-backends §8.2): a TM error, unresolvable credentials and every error the submitter calls
 * definite (all SSH steps before the {@code sbatch} dispatch, {@code create_dlg_job}, path checks, a missing SIF, an
 * explicit non-zero {@code sbatch} exit) fail the submission; an {@code sbatch} that may have been applied (no exit
 * status, exit 0 with an invalid receipt, a composite id over 512 characters) is uncertain and held for the name
 * lookup of {@code slurm_poll_tick}. A deadline overrun before the {@code sbatch} command is sent is definite, after
 * it uncertain ({@link DeadlineBound}; the submitter starts the dispatch just before the {@code sbatch} exec).
 */
public final class SlurmExecutionBackend implements ExecutionBackend, AutoCloseable {
    private final SshConnector connector;
    private final Map<String, String> env;
    private final SshCredentialResolver credentials;
    private final SlurmSubmitter submitter;

    /** @param env the worker's process environment: remote user, credential slots, {@code BEAMPIPE_ASKAPSOFT_SIF} */
    public SlurmExecutionBackend(SshConnector connector, Map<String, String> env) {
        this.connector = connector;
        this.env = Map.copyOf(env);
        this.credentials = new SshCredentialResolver(this.env);
        this.submitter = new SlurmSubmitter(connector, this.env);
    }

    /** Closes the SSH client given at construction (the production wiring gives the backend its own). */
    @Override
    public void close() {
        connector.close();
    }

    public Map<String, String> env() {
        return env;
    }

    @Override
    public String schedulerName() {
        return "slurm";
    }

    @Override
    public String managerUrl(Deployment deployment) {
        return null;
    }

    @Override
    public String targetFingerprint(Deployment deployment) {
        return fingerprint((SlurmRemoteDeployment) deployment, env);
    }

    static String fingerprint(SlurmRemoteDeployment d, Map<String, String> env) {
        return SshTarget.of(d, env).fingerprint();
    }

    /** The profile's TLS flag for the TM (absent → verify). */
    public static boolean verifySsl(SlurmRemoteDeployment d) {
        return d.verifySsl() == null || d.verifySsl();
    }

    /**
     * Step 8 for Slurm profiles (40-backends §4.7): connect, then the runtime probe script. Each failure is a definite
     * {@link ExecuteFailure} with the reference's message (secrets never appear: SSH failures carry none).
     */
    public void preflight(SlurmRemoteDeployment d) throws InterruptedException {
        SshTarget target = SshTarget.of(d, env);
        SshCredentials creds;
        try {
            creds = credentials.resolve(d.sshCredential());
        } catch (SshFailure e) {
            throw new ExecuteFailure(failureClass(e), "Slurm login node " + target.host() + " (" + target.user() + "@"
                    + target.host() + ") unreachable: " + e.getMessage() + ". Check VPN/SSH before submit.", e);
        }
        try {
            new SlurmConnectivity().preflight(connector, target, creds, d, env);
        } catch (SlurmCommandException e) {
            String message = Redaction.string(String.valueOf(e.getMessage()));
            throw new ExecuteFailure(e.sshFailure().map(SlurmExecutionBackend::failureClass).orElseGet(() -> classify(message)),
                    message, e);
        }
    }

    /** The class of a preflight failure from its text (40-backends §8.2 {@code SchedulerAdapterError}). */
    static FailureClass classify(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unreachable:")) {
            return FailureClass.parse(FailureText.classifyPollError(m.substring(m.indexOf("unreachable:"))));
        }
        return FailureClass.DEPENDENCY_UNAVAILABLE;
    }

    /** The class of an SSH failure from its kind ({@link FailureText#classify}), never from its words. */
    static FailureClass failureClass(SshFailure e) {
        return FailureClass.parse(FailureText.classify(e));
    }

    @Override
    public SlurmSubmitted submit(SubmitRequest request) throws SubmitFailure, InterruptedException {
        SlurmRemoteDeployment d = request.slurm();
        return DeadlineBound.run(request.deadline(), request.deadlineNanos(), "sbatch on the Slurm login node", dispatch -> {
            TranslatorClient tm = new TranslatorClient(request.translation().tmUrl(), verifySsl(d));
            ArrayNode pgt;
            try {
                pgt = tm.unrollAndPartition(request.patchedGraph(), request.translation());
            } catch (DaliugeException e) {
                throw SubmitFailure.definite(e.getMessage() + " (" + e.operation().wire() + " " + e.endpoint() + ")", e);
            }
            String sid = request.sessionId();
            ArrayNode wrapped = SlurmPgt.wrap(pgt, sid);
            SshTarget target = SshTarget.of(d, env);
            SshCredentials creds;
            try {
                creds = credentials.resolve(d.sshCredential());
            } catch (SshFailure e) {
                throw SubmitFailure.definite("Slurm SSH credentials for " + target.display() + ": " + e.getMessage(), e);
            }
            SlurmSubmission s;
            try {
                // the dispatch starts with the sbatch exec: an overrun before it is definite (40-backends §8.2)
                s = submitter.submit(request.executionId(), sid, wrapped, d, target, creds, request.deadlineNanos(),
                        dispatch::start);
            } catch (SlurmSubmitException e) {
                String message = Redaction.string(String.valueOf(e.getMessage()));
                throw e.definite() ? SubmitFailure.definite(message, e)
                        : SubmitFailure.uncertain(FailureClass.INCONSISTENT_STATE, message, e);
            }
            return new SlurmSubmitted(sid, wrapped, s.jobId(), s.sessionDir(), s.stagingRoot(), s.compositeId(),
                    s.submittedAt(), target.host(), target.user(), s.jobScriptPath());
        });
    }
}
