package dev.beampipe.cli.timeline;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.canonical.PrettyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code beampipe timeline source ID [--project MODULE] [--table]}: readiness now plus the latest 100 events. */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = "A source's readiness and its latest 100 provenance events, newest first.")
public class SourceTimelineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The source's registry uuid, or its identifier together with --project.")
    String id;

    @Option(names = "--project", paramLabel = "MODULE", description = "The project module (needed when ID is an identifier).")
    String project;

    @Option(names = "--table", description = "Print a compact text form instead of JSON.")
    boolean table;

    @ParentCommand
    TimelineCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SourceRef ref = SourceRef.parse(id, project);
        SourceTimeline timeline = parent.read(reads -> reads.source(ref))
                .orElseThrow(() -> new CliException("source " + ref.describe() + " not found"));
        TimelineCommand.print(spec, table ? TimelineTable.source(timeline) : PrettyJson.write(TimelineJson.source(timeline)));
        return 0;
    }
}
