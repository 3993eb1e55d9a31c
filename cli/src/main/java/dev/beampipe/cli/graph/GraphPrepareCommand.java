package dev.beampipe.cli.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.prepare.GraphPreparation;
import dev.beampipe.model.config.prepare.GraphPreparationException;
import dev.beampipe.model.config.prepare.PreparedGraph;
import dev.beampipe.model.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code beampipe graph prepare --project ID --source ID...}: the manifest and patched graph built locally from the
 * active project config and the stored archive metadata (the same preparation as {@code POST /graphs/prepare}); no
 * external submission, nothing written. A {@code graph.path} resolves against {@code BEAMPIPE_HOME}, else the working
 * directory.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Build the manifest and patched graph locally for a project and sources (nothing is submitted or stored).")
public class GraphPrepareCommand implements Callable<Integer> {
    @Option(names = "--project", paramLabel = "ID", defaultValue = "wallaby_hires",
            description = "Project module (default: ${DEFAULT-VALUE}).")
    String project;

    @Option(names = "--source", paramLabel = "ID", required = true, arity = "1..*",
            description = "Source identifier(s), one or more.")
    List<String> sources;

    @Option(names = "--full", description = "Also print the manifest, the source graph and the patched graph (redacted).")
    boolean full;

    @ParentCommand
    GraphCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path base = parent.environment.get("BEAMPIPE_HOME").map(Path::of).orElse(Path.of("").toAbsolutePath());
        PreparedGraph p;
        try (Database db = parent.environment.openDatabase()) {
            p = new GraphPreparation(db, new GraphSource(base)).prepare(project, sources);
        } catch (GraphPreparationException e) {
            throw new CliException("graph preparation failed: " + e.getMessage());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("project_module", p.projectModule());
        ArrayNode ids = out.putArray("source_identifiers");
        p.sourceIdentifiers().forEach(ids::add);
        out.put("project_config_id", p.projectConfigId().toString());
        out.put("project_config_version", p.projectConfigVersion());
        out.put("project_spec_sha256", p.projectSpecSha256());
        out.put("manifest_sha256", p.manifestSha256());
        out.put("source_graph_sha256", p.sourceGraphSha256());
        out.put("patched_graph_sha256", p.patchedGraphSha256());
        out.set("patch_summary", p.patchSummary());
        if (full) {
            out.set("manifest", p.manifest());
            out.set("source_graph", p.sourceGraph());
            out.set("patched_graph", p.patchedGraph());
        }
        CommandOutput.json(spec, out);
        return 0;
    }
}
