package dev.beampipe.model.slurm.protocol;

import dev.beampipe.model.slurm.ssh.SshFailure;

import java.util.Locale;

/** Texts and classifications of Slurm failures (40-backends §4.8, §8.2). */
public final class FailureText {
    private FailureText() {
    }

    /**
     * {@code SLURM job <id> finished in state=<S> reason=<r> [exit_code=<n>] [stderr=<path>]}; the stderr path is
     * the file the job really writes ({@link BatchFiles#sbatchArgv} points {@code --error} there).
     */
    public static String poll(String jobId, JobObservation o, String sessionDir) {
        StringBuilder b = new StringBuilder("SLURM job ").append(jobId).append(" finished in state=")
                .append(o.state().name()).append(" reason=").append(terminalReason(o.state()));
        if (o.exitCode() != null) {
            b.append(" exit_code=").append(o.exitCode());
        }
        if (sessionDir != null) {
            b.append(" stderr=").append(stderrPath(jobId, sessionDir));
        }
        return b.toString();
    }

    public static String stderrPath(String jobId, String sessionDir) {
        return sessionDir + "/slurm-" + jobId + ".err";
    }

    public static String terminalReason(SlurmState s) {
        return switch (s) {
            case FAILED -> "failed";
            case TIMEOUT -> "timeout";
            case CANCELLED -> "scheduler_cancelled";
            default -> "unknown";
        };
    }

    /**
     * The poll failure class of an SSH failure, from its kind rather than its words: a message names the target
     * (user, host), and a user or host containing {@code auth} or {@code connect} must not change the class. Use this
     * wherever the {@link SshFailure} itself is at hand; {@link #classifyPollError} is for texts only.
     */
    public static String classify(SshFailure failure) {
        return switch (failure.kind()) {
            case HOST_KEY -> "authorization";
            case CREDENTIALS, AUTHENTICATION -> "authentication";
            case TIMEOUT -> "timeout";
            case CONNECT, CHANNEL_CLOSED -> "connectivity";
            case COMMAND, PROTOCOL -> "dependency_unavailable";
        };
    }

    /** {@link #classifyAdapterError(String)} for an {@link SshFailure}, from its kind (see {@link #classify}). */
    public static AdapterErrorKind classifyAdapterError(SshFailure failure) {
        return switch (failure.kind()) {
            case HOST_KEY -> new AdapterErrorKind("host_verification", "authorization", false);
            case CREDENTIALS, AUTHENTICATION -> new AdapterErrorKind("authentication", "authentication", false);
            case TIMEOUT -> new AdapterErrorKind("timeout", "timeout", true);
            case CONNECT, CHANNEL_CLOSED -> new AdapterErrorKind("connectivity", "connectivity", true);
            case COMMAND, PROTOCOL -> new AdapterErrorKind("command", "dependency_unavailable", false);
        };
    }

    /** Poll failure class by substring: authorization|authentication|timeout|connectivity|dependency_unavailable. */
    public static String classifyPollError(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("host key") || m.contains("known_hosts")) {
            return "authorization";
        }
        if (m.contains("auth") || m.contains("credential")) {
            return "authentication";
        }
        if (m.contains("timed out") || m.contains("timeout")) {
            return "timeout";
        }
        if (m.contains("connect") || m.contains("unreachable")) {
            return "connectivity";
        }
        return "dependency_unavailable";
    }

    /** {@code SchedulerAdapterError} kind and its class / retryability (§8.2). */
    public record AdapterErrorKind(String kind, String failureClass, boolean retryable) {
    }

    public static AdapterErrorKind classifyAdapterError(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("submission uncertain") || m.contains("submission_uncertain")
                || m.contains("submission receipt was invalid")) {
            return new AdapterErrorKind("submission_uncertain", "inconsistent_state", false);
        }
        if (m.contains("host key") || m.contains("known_hosts")) {
            return new AdapterErrorKind("host_verification", "authorization", false);
        }
        if (m.contains("auth") || m.contains("credential")) {
            return new AdapterErrorKind("authentication", "authentication", false);
        }
        if (m.contains("timed out") || m.contains("timeout")) {
            return new AdapterErrorKind("timeout", "timeout", true);
        }
        if (m.contains("connect") || m.contains("unreachable")) {
            return new AdapterErrorKind("connectivity", "connectivity", true);
        }
        if (m.contains("command failed") || m.contains("ssh exec")) {
            return new AdapterErrorKind("command", "dependency_unavailable", false);
        }
        return new AdapterErrorKind("internal", "internal", false);
    }
}
