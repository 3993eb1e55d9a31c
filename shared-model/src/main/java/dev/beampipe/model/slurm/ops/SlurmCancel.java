package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.InvalidJobIdException;
import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmQueries;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;

import java.time.Duration;
import java.util.List;

/**
 * {@code scancel} and its confirmation (40-backends §4.11, §8.5): confirmed only when a status query observes the
 * job cancelled — scancel exits 0 for every id, so its exit is never confirmation.
 */
public final class SlurmCancel {
    private final Duration pollEvery;
    private final int maxPolls;
    private final Duration confirmWithin;
    private final Duration total;

    public SlurmCancel() {
        this(Duration.ofSeconds(3), 11, Duration.ofSeconds(45), Duration.ofSeconds(60));
    }

    public SlurmCancel(Duration pollEvery, int maxPolls, Duration confirmWithin, Duration total) {
        this.pollEvery = pollEvery;
        this.maxPolls = maxPolls;
        this.confirmWithin = confirmWithin;
        this.total = total;
    }

    /** {@code cancelled} true only on an observed CANCELLED; {@code last} is the last observation, if any. */
    public record CancelResult(boolean cancelled, String reason, JobObservation last) {
        public static final String NO_JOB_ID = "no_scheduler_job_id";
        public static final String CONFIRMED = "confirmed";
    }

    /** Opens a fresh session for the cancel; a connect failure is an unconfirmed cancel with the reason. */
    public CancelResult cancel(SshConnector connector, SshTarget target, SshCredentials creds, String jobId)
            throws InterruptedException {
        if (jobId == null || jobId.isBlank()) {
            return new CancelResult(false, CancelResult.NO_JOB_ID, null);
        }
        try (RemoteShell shell = connector.open(target, creds)) {
            return cancel(shell, jobId);
        } catch (SshFailure e) {
            return new CancelResult(false, "slurm cancel could not reach " + target.display() + ": " + e.getMessage(), null);
        }
    }

    public CancelResult cancel(RemoteShell shell, String jobId) throws InterruptedException {
        if (jobId == null || jobId.isBlank()) {
            return new CancelResult(false, CancelResult.NO_JOB_ID, null);
        }
        long start = System.nanoTime();
        long totalEnd = start + total.toNanos();
        long confirmEnd = start + confirmWithin.toNanos();
        String scancel;
        try {
            scancel = SlurmQueries.scancel(jobId);
        } catch (InvalidJobIdException e) {
            return new CancelResult(false, e.getMessage(), null);
        }
        try {
            CommandResult r = shell.exec(scancel, Duration.ofNanos(Math.max(1, totalEnd - System.nanoTime())));
            r.requireOk(scancel);
        } catch (SshFailure e) {
            return new CancelResult(false, "slurm scancel failed: " + e.getMessage(), null);
        }
        JobObservation last = null;
        for (int poll = 1; poll <= maxPolls; poll++) {
            long end = Math.min(confirmEnd, totalEnd);
            long left = end - System.nanoTime();
            if (left <= 0) {
                return notConfirmedWithin(jobId, last);
            }
            try {
                last = new SlurmStatusQuery(Duration.ofNanos(left)).query(shell, List.of(jobId)).get(jobId);
            } catch (SshFailure e) {
                if (e.kind() == SshFailure.Kind.TIMEOUT && end - System.nanoTime() <= 0) {
                    // a query cut off by the confirmation window is the window running out, not a polling failure
                    return notConfirmedWithin(jobId, last);
                }
                return new CancelResult(false, "slurm cancellation was accepted but confirmation polling failed: "
                        + e.getMessage(), last);
            } catch (SlurmCommandException e) {
                return new CancelResult(false, "slurm cancellation was accepted but confirmation polling failed: "
                        + e.getMessage(), last);
            }
            String status = last.state().executionStatus();
            if (status.equals("cancelled")) {
                return new CancelResult(true, CancelResult.CONFIRMED, last);
            }
            if (last.state().terminal()) {
                return new CancelResult(false, "slurm job reached terminal state " + status
                        + " before cancellation was confirmed", last);
            }
            if (poll < maxPolls) {
                long sleep = Math.min(pollEvery.toNanos(), end - System.nanoTime());
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
        return new CancelResult(false, "slurm cancellation of job " + jobId + " remained unconfirmed after " + maxPolls
                + " polls; last status was " + status(last), last);
    }

    private CancelResult notConfirmedWithin(String jobId, JobObservation last) {
        return new CancelResult(false, "slurm cancellation of job " + jobId + " was not confirmed within "
                + Text.duration(confirmWithin) + "; last status was " + status(last), last);
    }

    private static String status(JobObservation o) {
        return o == null ? "unknown" : o.state().executionStatus();
    }
}
