package dev.beampipe.cli.profile;

import picocli.CommandLine.Command;

/** {@code beampipe profile}: deployment profiles in the database. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Add, list, validate and render deployment profiles.",
        subcommands = {ProfileAddCommand.class, ProfileListCommand.class, ProfileValidateCommand.class, ProfileRenderCommand.class})
public class ProfileCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a profile subcommand is required");
    }
}
