package dev.beampipe.cli.execution;

import dev.beampipe.cli.OperatorEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

/** {@code beampipe execution retry|cancel}: guarded, audited recovery actions on one execution (50-operations §5.9). */
@Command(name = "execution", mixinStandardHelpOptions = true,
        description = "Retry or cancel one execution (DATABASE_URL; actor operator:cli).",
        subcommands = {ExecutionRetryCommand.class, ExecutionCancelCommand.class})
public class ExecutionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    final OperatorEnvironment environment;

    public ExecutionCommand() {
        this(System.getenv());
    }

    /** With an explicit environment (tests run the command in-process against their own database). */
    public ExecutionCommand(Map<String, String> env) {
        this.environment = new OperatorEnvironment(env);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an execution subcommand is required (retry or cancel)");
    }
}
