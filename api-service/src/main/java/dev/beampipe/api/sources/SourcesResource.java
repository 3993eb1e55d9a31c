package dev.beampipe.api.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.paging.LimitOffset;
import dev.beampipe.api.provenance.ProvenanceEventResponse;
import dev.beampipe.api.provenance.ProvenanceFeed;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.sources.NewSource;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.sources.SourceRow;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

import java.util.List;
import java.util.UUID;

/**
 * The source registry and source-level provenance (20-api §2.3). Every operation needs only a valid token (§2.12).
 * Registration is an upsert that only overwrites {@code enabled}; a bulk registration is one transaction.
 */
@Path("/api/v2/sources")
@Tag(name = "sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {
    private final SourceRegistry registry;
    private final SourceWrites writes;
    private final ProvenanceFeed provenance;
    private final SourceExecutions executions;

    public SourcesResource(Database db) {
        this.registry = new SourceRegistry(db);
        this.writes = new SourceWrites(db, registry);
        this.provenance = new ProvenanceFeed(db);
        this.executions = new SourceExecutions(db);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_source", summary = "Register source",
            description = "Register or upsert a single astronomical source.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SourceCreate.class)))
    @APIResponse(responseCode = "200", description = "The registered row (200 whether inserted or updated)",
            content = @Content(schema = @Schema(implementation = SourceRow.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (e.g. a malformed project module or identifier)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Well-formed JSON of the wrong shape",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SourceRow create(SourceCreate body) {
        return registry.register(SourceWrites.validated(ApiErrors.requireBody(body), ""));
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "bulk_create_sources", summary = "Bulk register sources",
            description = "Register many sources in one request (all or none).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SourceBulkCreate.class)))
    @APIResponse(responseCode = "200", description = "The registered rows, in request order",
            content = @Content(schema = @Schema(implementation = SourceBulkCreateResponse.class)))
    @APIResponse(responseCode = "400", description = "An item is invalid (its index is in the message); nothing was registered",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Well-formed JSON of the wrong shape",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SourceBulkCreateResponse bulk(SourceBulkCreate body) {
        List<SourceCreate> items = ApiErrors.requireBody(body).items();
        List<NewSource> sources = new java.util.ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            sources.add(SourceWrites.validated(items.get(i), "items[" + i + "]."));
        }
        List<SourceRow> rows = registry.registerAll(sources);
        return new SourceBulkCreateResponse(rows, rows.size());
    }

    @POST
    @Path("discover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "discover_sources", summary = "Trigger discovery",
            description = "Mark sources for async archive discovery jobs.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DiscoverTriggerRequest.class)))
    @APIResponse(responseCode = "200", description = "The marked sources (none: no job was enqueued)",
            content = @Content(schema = @Schema(implementation = DiscoverTriggerResponse.class)))
    @APIResponse(responseCode = "400", description = "Both identifier fields, or a malformed module or identifier",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Well-formed JSON of the wrong shape",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public DiscoverTriggerResponse discover(DiscoverTriggerRequest body, RoutingContext ctx,
                                            @HeaderParam("traceparent") String traceparent) {
        return writes.discover(ApiErrors.requireBody(body), RequestId.of(ctx), traceparent);
    }

    @GET
    @Operation(operationId = "list_sources", summary = "List sources",
            description = "Paginated source registry for a project module.")
    @APIResponse(responseCode = "200", description = "Newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SourceRow.class)))
    public List<SourceRow> list(@QueryParam("project_module") String module, @QueryParam("limit") Long limit,
                                        @QueryParam("offset") Long offset) {
        LimitOffset page = LimitOffset.of(limit, offset, 100);
        return registry.list(module, page.limit(), page.offset());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "get_source", summary = "Get source", description = "Fetch one source registry row.")
    @APIResponse(responseCode = "200", description = "The row",
            content = @Content(schema = @Schema(implementation = SourceRow.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SourceRow get(@PathParam("id") UUID id) {
        return source(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "update_source", summary = "Update source", description = "Patch enabled flag or registry fields.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SourceUpdate.class)))
    @APIResponse(responseCode = "200", description = "The updated row",
            content = @Content(schema = @Schema(implementation = SourceRow.class)))
    @APIResponse(responseCode = "400", description = "stale_after_hours below 1",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Well-formed JSON of the wrong shape",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SourceRow update(@PathParam("id") UUID id, JsonNode body) {
        SourceUpdate update = SourceUpdate.bind(body);
        return registry.update(id, update.enabled(), update.staleAfterHoursPresent(), update.staleAfterHours())
                .orElseThrow(ApiErrors::notFound);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "delete_source", summary = "Delete source", description = "Remove a source from the registry.")
    @APIResponse(responseCode = "204", description = "Deleted (its archive metadata rows are kept)")
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response delete(@PathParam("id") UUID id) {
        if (!registry.delete(id)) {
            throw ApiErrors.notFound();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/events")
    @Tag(name = "provenance")
    @Operation(operationId = "list_source_events", summary = "List source events",
            description = "Discovery and execution history for a source.")
    @APIResponse(responseCode = "200", description = "The latest 100 events, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProvenanceEventResponse.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public List<ProvenanceEventResponse> events(@PathParam("id") UUID id) {
        SourceRow source = source(id);
        return provenance.forSource(source.projectModule(), source.sourceIdentifier());
    }

    @GET
    @Path("{id}/metadata")
    @Operation(operationId = "get_source_metadata", summary = "Source archive metadata",
            description = "Persisted discovery metadata for a source.")
    @APIResponse(responseCode = "200", description = "The source and its metadata rows by SBID",
            content = @Content(schema = @Schema(implementation = SourceMetadataResponse.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SourceMetadataResponse metadata(@PathParam("id") UUID id) {
        SourceRow source = source(id);
        List<ArchiveMetadataResponse> rows = registry.metadata(source.projectModule(), source.sourceIdentifier()).stream()
                .map(ArchiveMetadataResponse::of).toList();
        return new SourceMetadataResponse(source, rows, rows.size());
    }

    @GET
    @Path("{id}/status")
    @Operation(operationId = "get_source_status", summary = "Source execution status",
            description = "Readiness and blockers for execution scheduling.")
    @APIResponse(responseCode = "200", description = "Readiness and blockers",
            content = @Content(schema = @Schema(implementation = SourceExecutionStatus.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SourceExecutionStatus status(@PathParam("id") UUID id) {
        return SourceExecutionStatus.of(registry.status(source(id)));
    }

    @GET
    @Path("{id}/executions")
    @Operation(operationId = "list_source_executions", summary = "List executions for source",
            description = "Executions that include this source.")
    @APIResponse(responseCode = "200", description = "Raw execution rows, newest first (secrets redacted)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public List<JsonNode> executions(@PathParam("id") UUID id, @QueryParam("limit") Long limit,
                                     @QueryParam("offset") Long offset) {
        SourceRow source = source(id);
        LimitOffset page = LimitOffset.of(limit, offset, 100);
        return executions.of(source.projectModule(), source.sourceIdentifier(), page.limit(), page.offset());
    }

    private SourceRow source(UUID id) {
        return registry.find(id).orElseThrow(ApiErrors::notFound);
    }
}
