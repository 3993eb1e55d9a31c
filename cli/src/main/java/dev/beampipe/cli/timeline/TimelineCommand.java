package dev.beampipe.cli.timeline;

import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.model.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code beampipe timeline source|execution|project}: what happened to a source, an execution or a project, read
 * straight from the database named by {@code DATABASE_URL} (50-operations §1, §1.7). JSON on stdout, or a compact
 * text form with {@code --table}.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Provenance timelines of a source, an execution or a project (DATABASE_URL).",
        subcommands = {SourceTimelineCommand.class, ExecutionTimelineCommand.class, ProjectTimelineCommand.class})
public class TimelineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public TimelineCommand() {
        this(System.getenv());
    }

    /** With an explicit environment (tests run the command in-process against their own database). */
    public TimelineCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a timeline subcommand is required (source, execution or project)");
    }

    /** Runs {@code read} against the database and returns its result. */
    <T> T read(Function<TimelineReads, T> read) {
        try (Database db = Database.open(Migrator.databaseUrl(env), 2)) {
            return read.apply(new TimelineReads(db));
        }
    }

    static void print(CommandSpec spec, String text) {
        PrintWriter out = spec.commandLine().getOut();
        if (!text.isEmpty()) {
            out.println(text);
        }
        out.flush();
    }
}
