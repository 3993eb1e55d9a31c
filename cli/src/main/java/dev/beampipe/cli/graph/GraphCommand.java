package dev.beampipe.cli.graph;

import dev.beampipe.cli.OperatorEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

/** {@code beampipe graph prepare|diff}: a local graph preview, and what the graph patches changed in an execution's graph (50-operations §1.2). */
@Command(name = "graph", mixinStandardHelpOptions = true, description = "Prepare a graph locally, or compare an execution's source and patched graphs.",
        subcommands = {GraphPrepareCommand.class, GraphDiffCommand.class})
public class GraphCommand implements Runnable {
    @Spec
    CommandSpec spec;

    final OperatorEnvironment environment;

    public GraphCommand() {
        this(System.getenv());
    }

    public GraphCommand(Map<String, String> env) {
        this.environment = new OperatorEnvironment(env);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a graph subcommand is required (prepare or diff)");
    }
}
