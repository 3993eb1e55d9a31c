package dev.beampipe.model.slurm.ops;

import java.util.List;

/**
 * A failed submission. {@link #definite()}: sbatch surely did not queue a job (every step before the sbatch
 * dispatch, or sbatch's explicit non-zero exit); otherwise uncertain: a job may exist and must be reconciled by
 * name, never resubmitted blindly (40-backends §8.2).
 */
public final class SlurmSubmitException extends Exception {
    private final boolean uncertain;
    private final boolean timeout;
    private final List<RecordedCommand> commands;

    private SlurmSubmitException(String message, boolean uncertain, boolean timeout, List<RecordedCommand> commands,
                                 Throwable cause) {
        super(message, cause);
        this.uncertain = uncertain;
        this.timeout = timeout;
        this.commands = List.copyOf(commands);
    }

    public static SlurmSubmitException definite(String message, List<RecordedCommand> commands, Throwable cause) {
        return new SlurmSubmitException(message, false, false, commands, cause);
    }

    public static SlurmSubmitException uncertain(String message, List<RecordedCommand> commands, Throwable cause) {
        return new SlurmSubmitException(message, true, false, commands, cause);
    }

    static SlurmSubmitException deadline(String message, boolean uncertain, List<RecordedCommand> commands) {
        return new SlurmSubmitException(message, uncertain, true, commands, null);
    }

    public boolean definite() {
        return !uncertain;
    }

    public boolean uncertain() {
        return uncertain;
    }

    /** The persisted wall-clock deadline was reached (failure class {@code timeout}). */
    public boolean deadlineExceeded() {
        return timeout;
    }

    /** The steps that ran (or were dispatched) before the failure. */
    public List<RecordedCommand> commands() {
        return commands;
    }
}
