package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmQueries;
import dev.beampipe.model.slurm.protocol.StatusParsing;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshFailure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's status query (40-backends §4.8): per chunk of 50 ids a quoted squeue, then sacct for the ids squeue
 * did not list (finished jobs leave {@code squeue -j} at once on real Slurm). Bounded by one wall-clock limit.
 */
public final class SlurmStatusQuery {
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);
    private final Duration limit;

    public SlurmStatusQuery() {
        this(DEFAULT_LIMIT);
    }

    public SlurmStatusQuery(Duration limit) {
        this.limit = limit;
    }

    public Map<String, JobObservation> query(RemoteShell shell, List<String> jobIds)
            throws SshFailure, SlurmCommandException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, JobObservation> out = new LinkedHashMap<>();
        for (List<String> chunk : SlurmQueries.chunks(jobIds)) {
            String squeue = SlurmQueries.squeueByIds(chunk).get(0);
            CommandResult q = exec(shell, squeue, deadline);
            if (!StatusParsing.squeueErrorTolerated(q.exitStatus(), q.stderr())) {
                throw failed(q, squeue);
            }
            Map<String, JobObservation> seen = StatusParsing.parseSqueue(q.stdout());
            List<String> missing = chunk.stream().filter(id -> !seen.containsKey(id)).toList();
            Map<String, JobObservation> accounted = Map.of();
            if (!missing.isEmpty()) {
                String sacct = SlurmQueries.sacctByIds(missing);
                CommandResult a = exec(shell, sacct, deadline);
                if (!a.ok()) {
                    throw failed(a, sacct);
                }
                accounted = StatusParsing.parseSacct(a.stdout());
            }
            out.putAll(StatusParsing.resolve(chunk, seen, accounted));
        }
        return out;
    }

    /** One command inside what is left of the limit; a command cut off by the limit is the query's timeout. */
    private CommandResult exec(RemoteShell shell, String command, long deadline) throws SshFailure, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(null);
        }
        try {
            return shell.exec(command, Duration.ofNanos(left));
        } catch (SshFailure e) {
            if (e.kind() == SshFailure.Kind.TIMEOUT && deadline - System.nanoTime() <= 0) {
                throw timedOut(e);
            }
            throw e;
        }
    }

    private SshFailure timedOut(SshFailure cutOff) {
        return new SshFailure(SshFailure.Kind.TIMEOUT, "slurm status query timed out after " + Text.duration(limit)
                + (cutOff == null ? "" : ": " + cutOff.getMessage()), cutOff != null && cutOff.mayHaveRun(), null);
    }

    private static SlurmCommandException failed(CommandResult r, String command) {
        try {
            r.requireOk(command);
            return new SlurmCommandException("remote command failed: \"" + command + "\"");
        } catch (SshFailure e) {
            return new SlurmCommandException(e.getMessage());
        }
    }
}
