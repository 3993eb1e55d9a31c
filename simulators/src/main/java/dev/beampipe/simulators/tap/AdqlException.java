package dev.beampipe.simulators.tap;

/** ADQL the simulator cannot parse or will not evaluate; always reported, never an empty result. */
public final class AdqlException extends RuntimeException {
    public AdqlException(String message) {
        super(message);
    }
}
