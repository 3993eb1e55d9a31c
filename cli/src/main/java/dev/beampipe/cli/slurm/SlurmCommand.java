package dev.beampipe.cli.slurm;

import dev.beampipe.cli.OperatorEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

/** {@code beampipe slurm …}: login-node connectivity and the per-profile SSH credential slots (50-operations §1.2, §1.6). */
@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = "Test SSH to a Slurm login node; manage the SSH credential slots of slurm_remote profiles.",
        subcommands = {SlurmPingCommand.class, CredentialsCommand.class})
public class SlurmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    final OperatorEnvironment environment;
    final Prompter prompter;

    public SlurmCommand() {
        this(System.getenv(), Prompter.console());
    }

    /** With an explicit environment and terminal (tests run the command in-process). */
    public SlurmCommand(Map<String, String> env, Prompter prompter) {
        this.environment = new OperatorEnvironment(env);
        this.prompter = prompter;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a slurm subcommand is required (ping, credentials)");
    }
}
