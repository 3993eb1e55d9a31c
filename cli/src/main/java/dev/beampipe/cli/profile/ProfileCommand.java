package dev.beampipe.cli.profile;

import dev.beampipe.cli.OperatorEnvironment;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code beampipe profile}: deployment profiles in the database. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Add, list, validate, render and test deployment profiles.",
        subcommands = {ProfileAddCommand.class, ProfileListCommand.class, ProfileValidateCommand.class, ProfileRenderCommand.class,
                ProfileTestCommand.class})
public class ProfileCommand implements Runnable {
    final OperatorEnvironment environment;

    public ProfileCommand() {
        this(System.getenv());
    }

    /** With an explicit environment (tests run the command in-process). */
    public ProfileCommand(Map<String, String> env) {
        this.environment = new OperatorEnvironment(env);
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a profile subcommand is required");
    }
}
