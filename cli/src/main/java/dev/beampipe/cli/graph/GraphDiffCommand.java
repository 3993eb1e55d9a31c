package dev.beampipe.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.db.Database;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code beampipe graph diff --execution ID [--full]}: the latest inline {@code source_graph} and {@code patched_graph}
 * artifacts compared: {@code {execution_id, source_graph_sha256, patched_graph_sha256, summary[, source_graph,
 * patched_graph]}}.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare the latest inline source_graph and patched_graph artifacts of an execution.")
public class GraphDiffCommand implements Callable<Integer> {
    @Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution uuid.")
    String execution;

    @Option(names = "--full", description = "Also print both graphs.")
    boolean full;

    @ParentCommand
    GraphCommand parent;

    @Spec
    CommandSpec spec;

    record Artifact(String sha256, JsonNode graph) {
    }

    @Override
    public Integer call() {
        UUID id = OperatorEnvironment.executionId(execution);
        Artifact source;
        Artifact patched;
        try (Database db = parent.environment.openDatabase()) {
            if (db.sql().count("SELECT count(*) FROM batch_execution_record WHERE uuid = $1", id) == 0) {
                throw new CliException("execution " + id + " not found");
            }
            source = latest(db, id, "source_graph");
            patched = latest(db, id, "patched_graph");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("execution_id", id.toString());
        out.put("source_graph_sha256", source.sha256());
        out.put("patched_graph_sha256", patched.sha256());
        out.set("summary", GraphDiff.summary(GraphDiff.changes(source.graph(), patched.graph())));
        if (full) {
            out.set("source_graph", source.graph());
            out.set("patched_graph", patched.graph());
        }
        CommandOutput.json(spec, out);
        return 0;
    }

    private static Artifact latest(Database db, UUID id, String kind) {
        return db.sql().first("SELECT sha256, inline_json FROM execution_artifacts WHERE execution_id = $1 AND kind = $2 "
                        + "AND inline_json IS NOT NULL ORDER BY created_at DESC, uuid DESC LIMIT 1",
                r -> new Artifact(r.getString(0), CommandOutput.tree(new JsonObject().put("g", r.getValue(1))).get("g")),
                id, kind).orElseThrow(() -> new CliException("execution " + id + " has no inline " + kind + " artifact"));
    }
}
