package dev.beampipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * Prints a failed command as {@code Error: <message>} followed by its causes, on stderr, and exits 1.
 * Stack traces only with {@code BEAMPIPE_DEBUG=1}.
 */
public class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(describe(ex));
        if (isDebug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** {@code Error: message} then one {@code   caused by: ...} line per distinct cause message. */
    public static String describe(Throwable ex) {
        StringBuilder sb = new StringBuilder("Error: ").append(messageOf(ex));
        Set<String> seen = new HashSet<>();
        seen.add(messageOf(ex));
        for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String m = messageOf(c);
            if (seen.add(m) && !sb.toString().contains(m)) {
                sb.append(System.lineSeparator()).append("  caused by: ").append(m);
            }
        }
        return sb.toString();
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }

    private static boolean isDebug() {
        String v = System.getenv("BEAMPIPE_DEBUG");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }
}
