package dev.beampipe.api.executions.control;

import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.errors.Failure;
import dev.beampipe.api.errors.FailureClass;
import dev.beampipe.api.errors.RetryDisposition;
import dev.beampipe.model.ledger.control.ControlFailure;
import dev.beampipe.model.ledger.control.ControlRejected;

import java.util.Locale;
import java.util.function.Supplier;

/** Renders the ledger's {@link ControlFailure}s as the API's JSON errors (20-api §1.4), fields unchanged. */
public final class ControlErrors {
    private ControlErrors() {
    }

    public static ApiException api(ControlFailure f) {
        return new ApiException(f.status(), new Failure(f.code(), f.component(),
                FailureClass.valueOf(f.failureClass().toUpperCase(Locale.ROOT)), f.message(), RetryDisposition.AFTER_REMEDIATION,
                f.systemAction(), f.operatorAction(), null, null));
    }

    /** Runs a control step; a refusal becomes its API error (the transaction has already rolled back). */
    public static <T> T run(Supplier<T> step) {
        try {
            return step.get();
        } catch (ControlRejected e) {
            throw api(e.failure());
        }
    }
}
