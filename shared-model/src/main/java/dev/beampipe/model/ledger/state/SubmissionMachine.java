package dev.beampipe.model.ledger.state;

/**
 * The submission state machine, the guard on the external side effect (10-state §2.5). Pure: the repository
 * functions that persist intent, receipts, lookups and abandonment call these under the row lock.
 */
public final class SubmissionMachine {
    private SubmissionMachine() {
    }

    public enum Event {
        /** A backend receipt ({@code record_submission_receipt}). */
        RECEIPT,
        /** A definite backend error (graph-shape/patch errors, {@code Backend(..)}, decision 10's definite 4xx). */
        DEFINITE_ERROR,
        /** An ambiguous error, or the persisted deadline passed. */
        AMBIGUOUS_ERROR,
        /** Any execute-job error observed after the intent was persisted. */
        WORKER_ERROR_AFTER_INTENT,
        /** The Slurm name lookup found exactly one job: the job id is recorded, the state stays unresolved. */
        EXACT_NAME_MATCH,
        /** {@code retry_execution}. */
        OPERATOR_RETRY,
        /** {@code abandon_slurm_submission}: the execution fails, the submission state is kept as evidence. */
        OPERATOR_ABANDONMENT
    }

    public enum Begin {
        /** Persist the intent ({@code in_flight}) and submit. */
        BEGIN,
        /** The execution is terminal or a submission may already exist: stop quietly, submit nothing. */
        NOT_BEGUN
    }

    /**
     * {@code begin_execution_submission}'s guard on the stored text: terminal or in_flight/uncertain/submitted →
     * not begun; not_started/preparing/failed (NULL reads as not_started) → begin; any other text is an error.
     */
    public static Begin begin(ExecutionStatus status, String storedSubmissionState) {
        SubmissionState s = SubmissionState.parse(storedSubmissionState);
        if (status.terminal() || s.holdsAutomaticWork()) {
            return Begin.NOT_BEGUN;
        }
        if (storedSubmissionState != null && !storedSubmissionState.equals(s.wire())) {
            throw new IllegalStateException("execution submission cannot begin from submission_state '"
                    + storedSubmissionState + "'");
        }
        return Begin.BEGIN;
    }

    /** The state after {@code event}; an event the table does not allow from {@code from} is an error. */
    public static SubmissionState next(SubmissionState from, Event event) {
        SubmissionState to = switch (event) {
            case RECEIPT -> from == SubmissionState.IN_FLIGHT || from == SubmissionState.UNCERTAIN
                    ? SubmissionState.SUBMITTED : null;
            case DEFINITE_ERROR -> from == SubmissionState.IN_FLIGHT ? SubmissionState.FAILED : null;
            case AMBIGUOUS_ERROR -> from == SubmissionState.IN_FLIGHT ? SubmissionState.UNCERTAIN : null;
            case WORKER_ERROR_AFTER_INTENT -> switch (from) {
                case IN_FLIGHT, UNCERTAIN -> SubmissionState.UNCERTAIN;
                case SUBMITTED -> SubmissionState.SUBMITTED;
                default -> null;
            };
            case EXACT_NAME_MATCH -> from == SubmissionState.IN_FLIGHT || from == SubmissionState.UNCERTAIN
                    ? SubmissionState.UNCERTAIN : null;
            case OPERATOR_RETRY -> from == SubmissionState.FAILED || from == SubmissionState.NOT_STARTED
                    ? SubmissionState.NOT_STARTED : null;
            case OPERATOR_ABANDONMENT -> from == SubmissionState.IN_FLIGHT || from == SubmissionState.UNCERTAIN
                    ? from : null;
        };
        if (to == null) {
            throw new IllegalStateException("submission event " + event + " is not allowed from submission_state '"
                    + from.wire() + "'");
        }
        return to;
    }
}
