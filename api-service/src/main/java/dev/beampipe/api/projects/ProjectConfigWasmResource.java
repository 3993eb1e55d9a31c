package dev.beampipe.api.projects;

import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.config.wasm.StoredWasm;
import dev.beampipe.model.config.wasm.WasmModules;
import dev.beampipe.model.config.wasm.WasmStore;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Optional WASM hook modules of a project (20-api §2.6): raw bytes of any content type up to the 2 MiB body
 * limit, checked structurally ({@link WasmModules}), stored by SHA-256 against the active revision.
 */
@Path("/api/v2/project-configs/{id}/wasm")
@Tag(name = "project-configs")
public class ProjectConfigWasmResource {
    static final String WASM = "application/wasm";

    private final WasmStore store;
    private final AccessPolicy access;

    public ProjectConfigWasmResource(Database db, AccessPolicy access) {
        this.store = new WasmStore(db);
        this.access = access;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upload_project_config_wasm", summary = "Upload WASM module",
            description = "Attach optional WASM hooks to a config version.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Created (a re-upload of the same bytes refreshes uploaded_at)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WasmUploadResponse.class)))
    @APIResponse(responseCode = "400", description = "`wasm_validation_failed`: empty or not a well-formed WASM module",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No active config for this project",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "413", description = "Larger than 2 MiB",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response upload(@PathParam("id") String id, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        access.requireSuperuser();
        WasmModules.problem(bytes).ifPresent(message -> {
            throw ApiErrors.wasmValidation(message);
        });
        StoredWasm stored = store.upload(id, bytes).orElseThrow(ApiErrors::notFound);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(new WasmUploadResponse(stored.wasmSha256(), stored.projectConfigId())).build();
    }

    @GET
    @Path("{sha256}")
    @Produces({MediaType.APPLICATION_JSON, WASM})
    @Operation(operationId = "get_project_config_wasm", summary = "Get WASM module",
            description = "A module of the active config: metadata, or the bytes with download=true.")
    @APIResponse(responseCode = "200", description = "Metadata (JSON), or the module bytes (application/wasm) with download=true",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WasmModuleInfo.class)),
                    @Content(mediaType = WASM, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "404", description = "No such module on the active config",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response get(@PathParam("id") String id, @PathParam("sha256") String sha256, @QueryParam("download") Boolean download) {
        boolean bytes = Boolean.TRUE.equals(download);
        StoredWasm stored = store.active(id, sha256, bytes).orElseThrow(ApiErrors::notFound);
        if (bytes) {
            return Response.ok(stored.bytes(), WASM).build();
        }
        return Response.ok(new WasmModuleInfo(stored.wasmSha256(), stored.projectConfigId(), stored.uploadedAt().toInstant()),
                MediaType.APPLICATION_JSON).build();
    }
}
