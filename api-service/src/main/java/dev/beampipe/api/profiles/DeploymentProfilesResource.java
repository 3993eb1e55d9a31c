package dev.beampipe.api.profiles;

import dev.beampipe.model.profile.ProfileRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.util.UUID;

/**
 * DALiuGE deployment profiles (20-api §2.5): create, list (newest first), read, full replacement (PATCH carries
 * the complete document; revision + 1) and delete. Bodies are bound by the model's strict binder, not Jackson.
 */
@Path("/api/v2/deployment-profiles")
@Tag(name = "deployment-profiles")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentProfilesResource {
    private final ProfileStore store;
    private final ProfileWrites writes;
    private final AccessPolicy access;

    public DeploymentProfilesResource(Database db, InlineSecretGate secrets, AccessPolicy access) {
        this.store = new ProfileStore(db, StableJson::sha256);
        this.writes = new ProfileWrites(store, secrets);
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_deployment_profile", summary = "Create deployment profile",
            description = "Create a translation + deployment profile.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeploymentProfileSchema.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = DeploymentProfileResponseSchema.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a validation rule (message)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Duplicate name, or a second default in the same scope",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or missing field, wrong type, unknown variant",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response create(JsonNode body) {
        DeploymentProfile profile = ProfileRequests.bind(body);
        access.requireSuperuser();
        return Response.status(Response.Status.CREATED).entity(ProfileRows.toJson(writes.create(profile))).build();
    }

    @GET
    @Operation(operationId = "list_deployment_profiles", summary = "List deployment profiles",
            description = "DALiuGE deployment profiles for a project module.")
    @APIResponse(responseCode = "200", description = "Every profile, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeploymentProfileResponseSchema.class)))
    public List<ObjectNode> list() {
        return store.list().stream().map(ProfileRows::toJson).toList();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "get_deployment_profile", summary = "Get deployment profile",
            description = "Fetch one deployment profile.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = DeploymentProfileResponseSchema.class)))
    @APIResponse(responseCode = "404", description = "No such profile",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ObjectNode get(@PathParam("id") UUID id) {
        return store.get(id).map(ProfileRows::toJson).orElseThrow(ApiErrors::notFound);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "update_deployment_profile", summary = "Update deployment profile",
            description = "Patch profile translation or deployment settings (the body is the complete profile).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeploymentProfileSchema.class)))
    @APIResponse(responseCode = "200", description = "The replaced profile (revision + 1)",
            content = @Content(schema = @Schema(implementation = DeploymentProfileResponseSchema.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a validation rule (message)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such profile",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Duplicate name, or a second default in the same scope",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or missing field, wrong type, unknown variant",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ObjectNode replace(@PathParam("id") UUID id, JsonNode body) {
        DeploymentProfile profile = ProfileRequests.bind(body);
        access.requireSuperuser();
        return writes.replace(id, profile).map(ProfileRows::toJson).orElseThrow(ApiErrors::notFound);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "delete_deployment_profile", summary = "Delete deployment profile",
            description = "Remove a deployment profile.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such profile",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Executions still reference the profile",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response delete(@PathParam("id") UUID id) {
        access.requireSuperuser();
        if (!writes.delete(id)) {
            throw ApiErrors.notFound();
        }
        return Response.noContent().build();
    }
}
