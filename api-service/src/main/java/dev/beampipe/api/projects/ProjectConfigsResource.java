package dev.beampipe.api.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Project config revisions (20-api §2.6): upload (any content type, YAML or JSON text), the active revision and
 * the version history of one project. {@code {id}} is the project id ({@code metadata.id}), not a UUID.
 */
@Path("/api/v2/project-configs")
@Tag(name = "project-configs")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectConfigsResource {
    private final ConfigRevisions revisions;
    private final ProjectConfigUploads uploads;
    private final AccessPolicy access;

    public ProjectConfigsResource(Database db, InlineSecretGate secrets, AccessPolicy access) {
        this.revisions = new ConfigRevisions(db);
        this.uploads = new ProjectConfigUploads(revisions, new InFlightPins(db), secrets,
                new GraphSource(GraphBase.directory()));
        this.access = access;
    }

    @POST
    @Operation(operationId = "upload_project_config", summary = "Upload project config",
            description = "Upload and validate a versioned survey YAML/JSON config.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "201", description = "Created: the validation report, warnings included",
            content = @Content(schema = @Schema(implementation = ValidationReportSchema.class)))
    @APIResponse(responseCode = "400", description = "Not UTF-8, or `project_config_validation_failed` with the report's errors as diagnostics",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response upload(byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Utf8Body.requireUtf8(raw);
        access.requireSuperuser();
        ObjectNode report = uploads.upload(raw);
        return Response.status(Response.Status.CREATED).entity(report).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "get_project_config", summary = "Get project config",
            description = "Fetch active or historical project configuration.")
    @APIResponse(responseCode = "200", description = "The active revision",
            content = @Content(schema = @Schema(implementation = ProjectConfigRow.class)))
    @APIResponse(responseCode = "404", description = "No active revision for this project",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ProjectConfigRow active(@PathParam("id") String id) {
        return revisions.active(id).map(ProjectConfigRow::of).orElseThrow(ApiErrors::notFound);
    }

    @GET
    @Path("{id}/versions")
    @Operation(operationId = "list_project_config_versions", summary = "List config versions",
            description = "Version history for a project module.")
    @APIResponse(responseCode = "200", description = "Every revision, newest first (empty for an unknown project)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProjectConfigRow.class)))
    public List<ProjectConfigRow> versions(@PathParam("id") String id) {
        return revisions.versions(id).stream().map(ProjectConfigRow::of).toList();
    }
}
