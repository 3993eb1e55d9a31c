package dev.beampipe.cli.scheduler;

import dev.beampipe.cli.OperatorEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

/**
 * {@code beampipe scheduler …}: the backend scheduler inspector (50-operations §1.2). Today only {@code cancel}, the
 * alias of {@code execution cancel}; {@code status} and {@code jobs} join it with the Slurm backend (issue 7).
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Scheduler actions (cancel = execution cancel).",
        subcommands = {SchedulerCancelCommand.class})
public class SchedulerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    final OperatorEnvironment environment;

    public SchedulerCommand() {
        this(System.getenv());
    }

    public SchedulerCommand(Map<String, String> env) {
        this.environment = new OperatorEnvironment(env);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a scheduler subcommand is required (cancel)");
    }
}
