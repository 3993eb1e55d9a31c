package dev.beampipe.api.projects;

import dev.beampipe.model.config.revisions.ConfigRevision;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.config.graph.GraphCheck;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.RevisionWarnings;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;

import java.util.List;

/**
 * {@code POST /api/v2/project-configs} (20-api §2.6): parse, validate against the active revision of the same
 * {@code metadata.id}, warn about in-flight executions pinning another hash, check the pinned graph (a digest
 * mismatch refuses the upload; a graph this host cannot reach is a warning), reject inline secrets in
 * production, store a new active version with the graph's bytes. Nothing is stored unless the document is valid.
 */
final class ProjectConfigUploads {
    static final String ACTOR = "system:api";

    private final ConfigRevisions revisions;
    private final InFlightPins pins;
    private final InlineSecretGate secrets;

    private final GraphSource graphs;

    ProjectConfigUploads(ConfigRevisions revisions, InFlightPins pins, InlineSecretGate secrets, GraphSource graphs) {
        this.graphs = graphs;
        this.revisions = revisions;
        this.pins = pins;
        this.secrets = secrets;
    }

    /** The body is known to be UTF-8. Returns the report with its warnings. */
    ObjectNode upload(byte[] body) {
        ParseResult parsed = ProjectConfigValidation.parse(body);
        if (parsed instanceof ParseResult.Failed failed) {
            throw ApiErrors.projectConfigValidation(Diagnostics.of(List.of(failed.error())));
        }
        ProjectConfig config = ((ParseResult.Parsed) parsed).config();
        String projectId = config.metadata().id();
        ProjectConfig previous = projectId == null ? null
                : revisions.active(projectId).flatMap(ConfigRevision::bound).orElse(null);
        ValidationReport report = ProjectConfigValidation.validate(config, SpecHasher.canonical(), previous);
        if (!report.valid()) {
            throw ApiErrors.projectConfigValidation(Diagnostics.of(report.errors()));
        }
        long pinned = pins.count(projectId, report.specSha256());
        if (pinned > 0) {
            report = report.withWarnings(List.of(RevisionWarnings.inFlightConfigPins(pinned)));
        }
        GraphCheck graph = GraphCheck.of(config.graph(), graphs);
        if (graph.error().isPresent()) {
            throw ApiErrors.projectConfigValidation(Diagnostics.of(List.of(graph.error().get())));
        }
        if (graph.warning().isPresent()) {
            report = report.withWarnings(List.of(graph.warning().get()));
        }
        ObjectNode spec = ModelTree.toJson(config);
        secrets.check("project_config", spec);
        revisions.upload(projectId, spec, report.specSha256(), ACTOR, graph.graph());
        return report.toJson();
    }
}
