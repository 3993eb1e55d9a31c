package dev.beampipe.worker.staging;

/** A typed CASDA staging failure. Messages never carry credentials, DataLink tokens or signed URLs. */
public final class CasdaStagingException extends Exception {

    private final StagingFailureKind kind;

    public CasdaStagingException(StagingFailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CasdaStagingException(StagingFailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StagingFailureKind kind() {
        return kind;
    }
}
