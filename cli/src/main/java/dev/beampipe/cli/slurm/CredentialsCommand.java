package dev.beampipe.cli.slurm;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;

/** {@code beampipe slurm credentials …}: per-profile SSH key slots (50-operations §1.6). */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Create, import, inspect, check and remove SSH credential slots.",
        subcommands = {CredentialsInitCommand.class, CredentialsImportCommand.class, CredentialsListCommand.class,
                CredentialsShowCommand.class, CredentialsCheckCommand.class, CredentialsSyncCommand.class,
                CredentialsCopyIdCommand.class, CredentialsRemoveCommand.class})
public class CredentialsCommand implements Runnable {
    @ParentCommand
    SlurmCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a credentials subcommand is required (init, import, list, show, check, sync, copy-id, remove)");
    }

    Map<String, String> env() {
        return parent.environment.env();
    }

    Prompter prompter() {
        return parent.prompter;
    }

    Path root(String dirFlag) {
        return CredentialRoot.forCommands(dirFlag, env());
    }
}
