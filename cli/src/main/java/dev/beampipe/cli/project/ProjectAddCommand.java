package dev.beampipe.cli.project;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.model.config.graph.GraphCheck;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ValidationReport;
import dev.beampipe.model.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code beampipe project add|upload -f FILE}: validate, load the graph it pins (path relative to
 * {@code $BEAMPIPE_HOME}, else the working directory) and check its SHA-256 (a mismatch refuses the upload;
 * a graph this host cannot reach is a warning), then store a new immutable active revision with the graph's bytes.
 */
@Command(name = "add", aliases = "upload", mixinStandardHelpOptions = true,
        description = "Validate a project config and store it as the new active revision (DATABASE_URL).")
public class ProjectAddCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, description = "project config (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
        ProjectConfig config = ProjectFiles.valid(Output.read(file), file.toString());
        ValidationReport report = ProjectFiles.report(config);
        ProjectFiles.printWarnings(report);
        GraphCheck graph = GraphCheck.of(config.graph(), new GraphSource(GraphSource.defaultBaseDir()));
        graph.error().ifPresent(e -> {
            throw new CliException(file + ": " + e.path() + ": " + e.message() + " [" + e.code() + "]");
        });
        graph.warning().ifPresent(w -> System.err.println("warning[" + w.code() + "] " + w.path() + ": " + w.message()));
        try (Database db = Database.open(Migrator.databaseUrl(System.getenv()), 2)) {
            ConfigRevision revision = new ConfigRevisions(db).upload(config.metadata().id(), ModelTree.toJson(config),
                    report.specSha256(), "system:cli", graph.graph());
            graph.graph().ifPresent(g -> System.err.println("graph " + g.source() + " (sha256 " + g.sha256() + ") stored with the revision"));
            System.err.println("stored " + revision.projectId() + " version " + revision.version() + " (active)");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("project_id", report.projectId());
        o.put("spec_sha256", report.specSha256());
        o.put("valid", true);
        Output.json(o);
        return 0;
    }
}
