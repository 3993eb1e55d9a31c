package dev.beampipe.model.slurm.protocol;

/** {@code create_dlg_job} printed no usable job-script path, or the path fails a §4.5 step 8 check. */
public final class InvalidPathException extends Exception {
    public InvalidPathException(String message) {
        super(message);
    }
}
