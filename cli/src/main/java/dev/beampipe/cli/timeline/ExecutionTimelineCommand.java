package dev.beampipe.cli.timeline;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.canonical.PrettyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code beampipe timeline execution ID [--table]}: the ledger header plus the first 100 events, oldest first. */
@Command(name = "execution", mixinStandardHelpOptions = true,
        description = "An execution's ledger header and its first 100 provenance events, oldest first.")
public class ExecutionTimelineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The execution uuid.")
    String id;

    @Option(names = "--table", description = "Print a compact text form instead of JSON.")
    boolean table;

    @ParentCommand
    TimelineCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        UUID uuid = SourceRef.uuid(id.strip())
                .orElseThrow(() -> new CliException("execution " + id + " is not an execution uuid"));
        ExecutionTimeline timeline = parent.read(reads -> reads.execution(uuid))
                .orElseThrow(() -> new CliException("execution " + uuid + " not found"));
        TimelineCommand.print(spec, table ? TimelineTable.execution(timeline) : PrettyJson.write(TimelineJson.execution(timeline)));
        return 0;
    }
}
