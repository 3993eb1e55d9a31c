package dev.beampipe.model.ledger.submission;

/**
 * A submission-ledger write refused by its rules (10-state §2.5, §5.5); the transaction rolls back and nothing
 * changes. {@code code} is stable for callers; the message is the reference's where it has one.
 */
public final class SubmissionRejected extends RuntimeException {
    private final String code;

    public SubmissionRejected(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static SubmissionRejected notFound() {
        return new SubmissionRejected("execution_not_found", "execution not found");
    }

    static SubmissionRejected invalid(String message) {
        return new SubmissionRejected("submission_invalid", message);
    }
}
