package dev.beampipe.model.slurm.protocol;

/** A name-lookup output that cannot be trusted; it must not become negative evidence (40-backends §4.9). */
public final class MalformedLookupException extends Exception {
    public MalformedLookupException(String message) {
        super(message);
    }
}
