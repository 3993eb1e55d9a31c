package dev.beampipe.model.slurm.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.protocol.BatchFiles;
import dev.beampipe.model.slurm.protocol.CompositeJobId;
import dev.beampipe.model.slurm.protocol.InvalidPathException;
import dev.beampipe.model.slurm.protocol.InvalidReceiptException;
import dev.beampipe.model.slurm.protocol.MissingSifException;
import dev.beampipe.model.slurm.protocol.SbatchReceipt;
import dev.beampipe.model.slurm.protocol.SessionPaths;
import dev.beampipe.model.slurm.protocol.ShellQuote;
import dev.beampipe.model.slurm.protocol.SlurmQueries;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code submit_slurm_session} (40-backends §4.5) over a fresh SSH session. Only the sbatch step, once dispatched,
 * can end uncertain; everything before it is a definite failure, including reaching the deadline (our behaviour:
 * nothing can have been queued yet).
 */
public final class SlurmSubmitter {
    private final SshConnector connector;
    private final Map<String, String> env;
    private final Clock clock;

    public SlurmSubmitter(SshConnector connector, Map<String, String> env) {
        this(connector, env, Clock.systemUTC());
    }

    public SlurmSubmitter(SshConnector connector, Map<String, String> env, Clock clock) {
        this.connector = connector;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    public SlurmSubmission submit(UUID executionId, String sid, ArrayNode wrappedPgt, SlurmRemoteDeployment d,
                                  SshTarget target, SshCredentials creds, long deadlineNanos)
            throws SlurmSubmitException, InterruptedException {
        return submit(executionId, sid, wrappedPgt, d, target, creds, deadlineNanos, () -> { });
    }

    /**
     * @param beforeSbatch run immediately before the {@code sbatch} command is sent (and never if the submission
     *                     fails earlier): the caller's dispatch marker, so that an overrun of its own deadline during
     *                     the definite steps (mkdir, uploads, {@code create_dlg_job}) is definite too (40-backends §8.2)
     */
    public SlurmSubmission submit(UUID executionId, String sid, ArrayNode wrappedPgt, SlurmRemoteDeployment d,
                                  SshTarget target, SshCredentials creds, long deadlineNanos, Runnable beforeSbatch)
            throws SlurmSubmitException, InterruptedException {
        List<RecordedCommand> ran = new ArrayList<>();
        Files files = Files.of(executionId, sid, wrappedPgt, d, target.user());
        String createScript;
        try {
            SlurmQueries.requireJobName(sid);
            createScript = BatchFiles.bashLc(BatchFiles.createDlgJobScript(d, env, files.pgtPath, files.iniPath, files.templatePath));
        } catch (MissingSifException | IllegalArgumentException e) {
            throw SlurmSubmitException.definite(e.getMessage(), ran, null);
        }
        Deadline deadline = new Deadline(deadlineNanos, clock);
        try (RemoteShell shell = connector.open(target, creds)) {
            String mkdir = "mkdir -p -- " + ShellQuote.quote(BatchFiles.stagingDir(d));
            ran.add(new RecordedCommand("mkdir_staging", mkdir));
            shell.exec(mkdir, deadline.before(ran)).requireOk(mkdir);
            upload(shell, "upload_pgt", files.pgtPath, files.pgtJson, deadline, ran);
            upload(shell, "upload_ini", files.iniPath, files.ini, deadline, ran);
            if (files.templatePath != null) {
                upload(shell, "upload_template", files.templatePath, d.slurmTemplate(), deadline, ran);
            }
            ran.add(new RecordedCommand("create_dlg_job", createScript));
            CommandResult created = shell.exec(createScript, deadline.before(ran)).requireOk(createScript);
            SessionPaths.Derived paths = SessionPaths.derive(created.stdout(), d.dlgRoot());
            List<String> argv = BatchFiles.sbatchArgv(d, sid, paths.jobScript());
            String submit = BatchFiles.bashLc(BatchFiles.submitScript(d, env, paths.stagingRoot(), argv));
            Duration sbatchBudget = deadline.before(ran);
            ran.add(new RecordedCommand("sbatch", submit));
            beforeSbatch.run();
            String jobId = sbatch(shell, submit, sbatchBudget, deadline, ran);
            CompositeJobId composite = new CompositeJobId(sid, jobId, paths.sessionDir());
            if (!composite.fits()) {
                throw SlurmSubmitException.uncertain("composite scheduler job id is longer than " + CompositeJobId.MAX_LENGTH
                        + " characters (slurm job " + jobId + ")", ran, null);
            }
            return new SlurmSubmission(jobId, paths.sessionDir(), paths.stagingRoot(), composite.encode(), clock.instant(),
                    ran, paths.jobScript());
        } catch (SshFailure e) {
            throw SlurmSubmitException.definite(e.getMessage(), ran, e);
        } catch (InvalidPathException | MissingSifException e) {
            throw SlurmSubmitException.definite(e.getMessage(), ran, null);
        }
    }

    /** What a submission would run, for dry runs: the job script path is only known after create_dlg_job. */
    public List<RecordedCommand> plan(UUID executionId, String sid, ArrayNode wrappedPgt, SlurmRemoteDeployment d, String user)
            throws MissingSifException {
        Files files = Files.of(executionId, sid, wrappedPgt, d, user);
        List<RecordedCommand> plan = new ArrayList<>();
        plan.add(new RecordedCommand("mkdir_staging", "mkdir -p -- " + ShellQuote.quote(BatchFiles.stagingDir(d))));
        plan.add(new RecordedCommand("upload_pgt", "upload " + files.pgtPath));
        plan.add(new RecordedCommand("upload_ini", "upload " + files.iniPath));
        if (files.templatePath != null) {
            plan.add(new RecordedCommand("upload_template", "upload " + files.templatePath));
        }
        plan.add(new RecordedCommand("create_dlg_job",
                BatchFiles.bashLc(BatchFiles.createDlgJobScript(d, env, files.pgtPath, files.iniPath, files.templatePath))));
        String jobScript = SessionPaths.root(d.dlgRoot()) + "/workspace/<session>/jobsub.sh";
        String stagingRoot = SessionPaths.root(d.dlgRoot()) + "/workspace/<session>/wallaby-staging";
        plan.add(new RecordedCommand("sbatch", BatchFiles.bashLc(BatchFiles.submitScript(d, env, stagingRoot,
                BatchFiles.sbatchArgv(d, sid, jobScript)))));
        return plan;
    }

    private static void upload(RemoteShell shell, String step, String path, String content, Deadline deadline,
                               List<RecordedCommand> ran) throws SshFailure, InterruptedException, SlurmSubmitException {
        ran.add(new RecordedCommand(step, "upload " + path));
        shell.uploadAtomic(path, content, deadline.before(ran));
    }

    private static String sbatch(RemoteShell shell, String submit, Duration budget, Deadline deadline,
                                 List<RecordedCommand> ran) throws SlurmSubmitException, InterruptedException {
        CommandResult result;
        try {
            result = shell.exec(submit, budget);
        } catch (SshFailure e) {
            if (!e.mayHaveRun()) {
                throw SlurmSubmitException.definite(e.getMessage(), ran, e);
            }
            if (deadline.passed()) {
                throw SlurmSubmitException.deadline(deadline.message(), true, ran);
            }
            throw SlurmSubmitException.uncertain("sbatch may have queued a job: " + e.getMessage(), ran, e);
        }
        try {
            result.requireOk(submit);
        } catch (SshFailure e) {
            throw SlurmSubmitException.definite(e.getMessage(), ran, e);
        }
        try {
            return SbatchReceipt.parseJobId(result.stdout());
        } catch (InvalidReceiptException e) {
            throw SlurmSubmitException.uncertain(SbatchReceipt.uncertainMessage(e), ran, null);
        }
    }

    /** The uploaded files of one execution. */
    private record Files(String pgtPath, String pgtJson, String iniPath, String ini, String templatePath) {
        static Files of(UUID executionId, String sid, ArrayNode wrappedPgt, SlurmRemoteDeployment d, String user) {
            ArrayNode pgt = wrappedPgt.deepCopy();
            if (pgt.isEmpty()) {
                pgt.add(TextNode.valueOf(sid + ".pgt.graph"));
            } else {
                pgt.set(0, TextNode.valueOf(sid + ".pgt.graph"));
            }
            String pgtPath = BatchFiles.stagedFile(d, executionId, "pgt.graph");
            String iniPath = BatchFiles.stagedFile(d, executionId, "ini");
            String template = d.slurmTemplate() != null && !d.slurmTemplate().isBlank()
                    ? BatchFiles.stagedFile(d, executionId, "slurm") : null;
            return new Files(pgtPath, StableJson.write(pgt), iniPath, BatchFiles.ini(d, user, pgtPath), template);
        }
    }

    /** The persisted wall-clock deadline on the monotonic clock. */
    private record Deadline(long nanos, Clock clock) {
        boolean passed() {
            return System.nanoTime() - nanos >= 0;
        }

        String message() {
            Instant at = clock.instant().plusNanos(nanos - System.nanoTime());
            return "backend submission exceeded its persisted wall-clock deadline at " + at;
        }

        /** The time left for the next step; none left before sbatch is a definite failure. */
        Duration before(List<RecordedCommand> ran) throws SlurmSubmitException {
            long left = nanos - System.nanoTime();
            if (left <= 0) {
                throw SlurmSubmitException.deadline(message(), false, ran);
            }
            return Duration.ofNanos(left);
        }
    }
}
