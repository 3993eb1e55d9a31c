package dev.beampipe.cli.execution;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.ledger.control.ControlFailure;
import dev.beampipe.model.ledger.control.ControlRejected;

import java.util.function.Supplier;

/** A refused control step becomes {@code Error: <code>: <message>} (exit 1); nothing was changed. */
public final class ControlRefusals {
    private ControlRefusals() {
    }

    public static <T> T run(Supplier<T> step) {
        try {
            return step.get();
        } catch (ControlRejected e) {
            ControlFailure f = e.failure();
            throw new CliException(f.code() + ": " + f.message() + " (" + f.systemAction() + ")");
        }
    }
}
