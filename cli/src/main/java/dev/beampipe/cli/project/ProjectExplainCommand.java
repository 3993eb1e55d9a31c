package dev.beampipe.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.validation.ValidationReport;
import dev.beampipe.model.canonical.SortedTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code beampipe project explain -f FILE}: a summary with sorted keys; exit 1 when invalid. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Summarise a project config file.")
public class ProjectExplainCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, description = "project config (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
        ProjectConfig config = ProjectFiles.parsed(Output.read(file), file.toString());
        ValidationReport report = ProjectFiles.report(config);
        JsonNode tree = ModelTree.toJson(config);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("api_version", config.apiVersion());
        o.set("automation", SortedTree.of(tree.path("automation")));
        o.set("diagnostics", report.toJson().get("errors"));
        o.put("graph_patch_count", tree.path("graph_patches").size());
        o.put("has_manifest_template", tree.path("manifest").has("source_template") && tree.path("manifest").path("source_template").size() > 0);
        o.put("project_id", report.projectId());
        o.set("required_adapters", tree.path("adapters").path("required"));
        o.put("spec_sha256", report.specSha256());
        o.put("transform_count", config.transforms().size());
        o.put("valid", report.valid());
        o.set("warnings", report.toJson().has("warnings") ? report.toJson().get("warnings") : JsonNodeFactory.instance.arrayNode());
        Output.json(o);
        return report.valid() ? 0 : 1;
    }
}
