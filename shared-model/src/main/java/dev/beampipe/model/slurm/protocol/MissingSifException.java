package dev.beampipe.model.slurm.protocol;

/** {@code environment_setup} names BEAMPIPE_ASKAPSOFT_SIF but the worker has no value for it. */
public final class MissingSifException extends Exception {
    public static final String MESSAGE = "deployment.environment_setup requires non-empty BEAMPIPE_ASKAPSOFT_SIF";

    public MissingSifException() {
        super(MESSAGE);
    }
}
