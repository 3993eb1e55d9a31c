package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.ssh.SshFailure;

import java.util.List;
import java.util.Optional;

/**
 * A Slurm command ran but its answer cannot be used (non-zero exit, missing commands, failed preflight). Unchecked
 * so that it passes through {@code SshSessionPool.withSession}, which then drops the session as after any error.
 */
public final class SlurmCommandException extends RuntimeException {
    private final List<String> detail;

    public SlurmCommandException(String message) {
        this(message, List.of());
    }

    public SlurmCommandException(String message, List<String> detail) {
        super(message);
        this.detail = List.copyOf(detail);
    }

    /** A failure whose cause is an SSH failure, kept so callers classify it by kind ({@code FailureText.classify}). */
    public SlurmCommandException(String message, SshFailure cause) {
        super(message, cause);
        this.detail = List.of();
    }

    /** The SSH failure behind this one, if it came from the SSH layer. */
    public Optional<SshFailure> sshFailure() {
        return getCause() instanceof SshFailure f ? Optional.of(f) : Optional.empty();
    }

    /** E.g. the names of the missing commands. */
    public List<String> detail() {
        return detail;
    }
}
