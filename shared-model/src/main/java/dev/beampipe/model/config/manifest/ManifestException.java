package dev.beampipe.model.config.manifest;

/** The manifest cannot be built; the message is the reference's text. */
public final class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }
}
