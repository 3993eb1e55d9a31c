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
            CommandResult q = shell.exec(squeue, left(deadline));
            if (!StatusParsing.squeueErrorTolerated(q.exitStatus(), q.stderr())) {
                throw failed(q, squeue);
            }
            Map<String, JobObservation> seen = StatusParsing.parseSqueue(q.stdout());
            List<String> missing = chunk.stream().filter(id -> !seen.containsKey(id)).toList();
            Map<String, JobObservation> accounted = Map.of();
            if (!missing.isEmpty()) {
                String sacct = SlurmQueries.sacctByIds(missing);
                CommandResult a = shell.exec(sacct, left(deadline));
                if (!a.ok()) {
                    throw failed(a, sacct);
                }
                accounted = StatusParsing.parseSacct(a.stdout());
            }
            out.putAll(StatusParsing.resolve(chunk, seen, accounted));
        }
        return out;
    }

    private Duration left(long deadline) throws SshFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SshFailure(SshFailure.Kind.TIMEOUT, "slurm status query timed out after " + limit.toSeconds() + "s");
        }
        return Duration.ofNanos(left);
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
