package dev.beampipe.model.slurm.protocol;

/** {@code sbatch --parsable} printed no single job id; after a zero exit the submission is uncertain. */
public final class InvalidReceiptException extends Exception {
    private final int nonEmptyLines;

    public InvalidReceiptException(String message, int nonEmptyLines) {
        super(message);
        this.nonEmptyLines = nonEmptyLines;
    }

    public int nonEmptyLines() {
        return nonEmptyLines;
    }
}
