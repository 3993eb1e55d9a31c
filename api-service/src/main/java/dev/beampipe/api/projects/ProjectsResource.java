package dev.beampipe.api.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Projects with an active revision, and their contracts: the active spec re-validated with the current validator
 * (20-api §2.6, 30-project-config §6).
 */
@Path("/api/v2/projects")
@Tag(name = "project-configs")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {
    private final ConfigRevisions revisions;

    public ProjectsResource(Database db) {
        this.revisions = new ConfigRevisions(db);
    }

    @GET
    @Operation(operationId = "list_projects", summary = "List projects",
            description = "Registered project modules with active configuration.")
    @APIResponse(responseCode = "200", description = "Active revisions ordered by project id",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProjectSummary.class)))
    public List<ProjectSummary> list() {
        return revisions.activeRevisions().stream().map(ProjectSummary::of).toList();
    }

    @GET
    @Path("contracts")
    @Operation(operationId = "list_project_contracts", summary = "List project contracts",
            description = "Discovery contract validation status per module.")
    @APIResponse(responseCode = "200", description = "A validation report per active revision that still binds",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ValidationReportSchema.class)))
    public List<ObjectNode> contracts() {
        List<ObjectNode> reports = new ArrayList<>();
        for (ConfigRevision revision : revisions.activeRevisions()) {
            try {
                reports.add(StoredSpecs.contract(revision).toJson());
            } catch (BindingException e) {
                // a stored spec the current binder rejects is skipped, like the reference
            }
        }
        return reports;
    }

    @GET
    @Path("contracts/{id}")
    @Operation(operationId = "get_project_contract", summary = "Get project contract",
            description = "Contract validation detail for one project module.")
    @APIResponse(responseCode = "200", description = "The validation report of the active revision",
            content = @Content(schema = @Schema(implementation = ValidationReportSchema.class)))
    @APIResponse(responseCode = "400", description = "`project_config_parse_failed`: the stored spec no longer binds",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No active revision for this project",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ObjectNode contract(@PathParam("id") String id) {
        ConfigRevision revision = revisions.active(id).orElseThrow(ApiErrors::notFound);
        try {
            return StoredSpecs.contract(revision).toJson();
        } catch (BindingException e) {
            throw ApiErrors.projectConfigParse(e.path() + ": " + e.getMessage());
        }
    }
}
