package dev.beampipe.cli.admin;

import picocli.CommandLine.Command;

@Command(name = "admin", mixinStandardHelpOptions = true, description = "User administration (there is no user API).",
        subcommands = CreateUserCommand.class)
public class AdminCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "an admin subcommand is required");
    }
}
