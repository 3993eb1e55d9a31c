package dev.beampipe.model.slurm.protocol;

/** A Slurm job id that is not ASCII digits only; nothing was sent. */
public final class InvalidJobIdException extends IllegalArgumentException {
    public InvalidJobIdException(String message) {
        super(message);
    }
}
