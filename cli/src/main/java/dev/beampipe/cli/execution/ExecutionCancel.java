package dev.beampipe.cli.execution;

import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ConfirmedCancellation;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import dev.beampipe.model.ledger.control.ExternalCancel;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.UUID;

/**
 * The cancel behind {@code execution cancel} and {@code scheduler cancel}: the shared {@link ConfirmedCancellation}
 * with actor {@code operator:cli}. The result is printed as JSON either way; a cancel the backend did not confirm
 * exits 1 (decision 15) and leaves the ledger unchanged.
 */
public final class ExecutionCancel {
    private ExecutionCancel() {
    }

    public static int run(CommandSpec spec, OperatorEnvironment environment, String id) {
        UUID execution = OperatorEnvironment.executionId(id);
        try (Database db = environment.openDatabase()) {
            ConfirmedCancellation cancel = new ConfirmedCancellation(new ExecutionCancellation(db),
                    new ExternalCancel(db, environment.realBackends()));
            ConfirmedCancellation.Result result = ControlRefusals.run(() ->
                    cancel.cancel(execution, OperatorEnvironment.ACTOR, null));
            CommandOutput.json(spec, result.toJson());
            if (!result.cancelled()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("Error: external cancellation was not confirmed: " + result.reason());
                err.println("  the ledger is unchanged; inspect the backend (daliuge session-inspect) and try again");
                err.flush();
                return 1;
            }
            return 0;
        }
    }
}
