package dev.beampipe.cli.scheduler;

import dev.beampipe.cli.OperatorEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

/**
 * {@code beampipe scheduler …}: the Slurm scheduler inspector (50-operations §1.2): {@code status} of a slurm_remote
 * profile over SSH, the Slurm {@code jobs} in the ledger, and {@code cancel} (the alias of {@code execution cancel}).
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Slurm scheduler status, the Slurm executions, and cancel (= execution cancel).",
        subcommands = {SchedulerStatusCommand.class, SchedulerJobsCommand.class, SchedulerCancelCommand.class})
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
        throw new CommandLine.ParameterException(spec.commandLine(), "a scheduler subcommand is required (status, jobs, cancel)");
    }
}
