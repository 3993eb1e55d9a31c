package dev.beampipe.model.daliuge;

/**
 * {@code DaliugeClientError.kind} (40-backends §2.9) with the ledger failure class it maps to. The failure
 * code is {@code daliuge.<wire>}.
 */
public enum DaliugeErrorKind {
    TIMEOUT("timeout"),
    CONNECTIVITY("connectivity"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    HTTP_STATUS("dependency_unavailable"),
    INVALID_RESPONSE("unsupported"),
    COMPATIBILITY("unsupported");

    private final String failureClass;

    DaliugeErrorKind(String failureClass) {
        this.failureClass = failureClass;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String failureClass() {
        return failureClass;
    }

    public String failureCode() {
        return "daliuge." + wire();
    }

    /**
     * The API/operator error code (20-api §1.4): the variant name lower-cased without separators, as the reference
     * prints it ({@code daliuge.httpstatus}, {@code daliuge.notfound}).
     */
    public String operatorCode() {
        return "daliuge." + name().replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }
}
