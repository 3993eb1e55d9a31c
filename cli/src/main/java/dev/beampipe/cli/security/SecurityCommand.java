package dev.beampipe.cli.security;

import picocli.CommandLine.Command;

@Command(name = "security", mixinStandardHelpOptions = true, description = "Security gates.",
        subcommands = SecurityCheckCommand.class)
public class SecurityCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a security subcommand is required");
    }
}
