package dev.beampipe.cli.timeline;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.canonical.PrettyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code beampipe timeline project MODULE [--limit N] [--table]}: the project's latest events, newest first. A module
 * beampipe has never heard of (no config, source, execution or event) is an error rather than an empty list.
 */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "A project's latest provenance events, newest first.")
public class ProjectTimelineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODULE", description = "The project module (its config's metadata.id).")
    String module;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + TimelineReads.PROJECT_DEFAULT_LIMIT,
            description = "How many events, 1-" + TimelineReads.PROJECT_MAX_LIMIT + " (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--table", description = "One line per event instead of JSON.")
    boolean table;

    @ParentCommand
    TimelineCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1 || limit > TimelineReads.PROJECT_MAX_LIMIT) {
            throw new CliException("--limit must be between 1 and " + TimelineReads.PROJECT_MAX_LIMIT + " (got " + limit + ")");
        }
        String name = module.strip();
        List<TimelineEvent> events = parent.read(reads -> {
            if (!reads.projectKnown(name)) {
                throw new CliException("project " + name + " not found (no config, source, execution or event)");
            }
            return reads.project(name, limit);
        });
        TimelineCommand.print(spec, table ? TimelineTable.project(events) : PrettyJson.write(TimelineJson.project(events)));
        return 0;
    }
}
