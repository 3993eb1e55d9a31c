package dev.beampipe.cli.scheduler;

import dev.beampipe.cli.execution.ExecutionCancel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe scheduler cancel EXEC}: alias of {@code execution cancel}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Alias of 'execution cancel': cancel through the pinned backend; exits 1 when not confirmed.")
public class SchedulerCancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "EXEC", description = "The execution uuid.")
    String id;

    @ParentCommand
    SchedulerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExecutionCancel.run(spec, parent.environment, id);
    }
}
