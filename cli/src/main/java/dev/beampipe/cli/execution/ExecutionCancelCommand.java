package dev.beampipe.cli.execution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe execution cancel ID}: cancel through the pinned backend; the ledger follows only a confirmation. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel an execution through its pinned backend; exits 1 when the backend did not confirm.")
public class ExecutionCancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The execution uuid.")
    String id;

    @ParentCommand
    ExecutionCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExecutionCancel.run(spec, parent.environment, id);
    }
}
