package dev.beampipe.model.slurm.ops;

import java.util.List;

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

    /** E.g. the names of the missing commands. */
    public List<String> detail() {
        return detail;
    }
}
