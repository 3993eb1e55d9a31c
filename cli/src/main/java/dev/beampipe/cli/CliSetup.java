package dev.beampipe.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Hands Quarkus the configured picocli command line. */
@ApplicationScoped
public class CliSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** Exit codes: 0 ok, 1 error ({@code Error: …} on stderr), 2 usage. */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler(new ErrorReporter());
    }
}
