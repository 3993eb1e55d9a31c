package dev.beampipe.api.executions;

import dev.beampipe.model.ledger.ActiveExecutionJob;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.provenance.ProvenanceEventResponse;
import dev.beampipe.api.provenance.ProvenanceFeed;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.secrets.Redaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The read side of the execution ledger (20-api §2.4): lists, the curated views, events, artifacts, observations. */
@Path("/api/v2/executions")
@Tag(name = "executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {
    private final Database db;
    private final ExecutionReads reads;

    public ExecutionsResource(Database db, ExecutionReads reads) {
        this.db = db;
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "list_executions", summary = "List executions",
            description = "Filter executions by project module and status.")
    @APIResponse(responseCode = "200", description = "A page of raw ledger rows, newest first",
            content = @Content(schema = @Schema(implementation = ExecutionPage.class)))
    public ExecutionPage list(@QueryParam("project_module") String projectModule, @QueryParam("status") String status,
                              @QueryParam("page") Long page, @QueryParam("items_per_page") Long itemsPerPage) {
        int p = (int) Math.min(Integer.MAX_VALUE, Math.max(1, page == null ? 1 : page));
        int size = (int) Math.min(500, Math.max(1, itemsPerPage == null ? 50 : itemsPerPage));
        String where = " WHERE ($1::text IS NULL OR e.project_module = $1) AND ($2::text IS NULL OR e.status = $2)";
        long total = db.sql().count("SELECT count(*) FROM batch_execution_record e" + where, projectModule, status);
        List<ExecutionRow> items = db.sql().list(ExecutionRow.SELECT + where
                        + " ORDER BY e.created_at DESC, e.uuid DESC LIMIT $3 OFFSET $4",
                ExecutionRow::from, projectModule, status, size, (long) (p - 1) * size);
        return new ExecutionPage(items.stream().map(ExecutionRow::redacted).toList(), total, p, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "get_execution", summary = "Get execution",
            description = "Full execution record including manifest and scheduler fields.")
    @APIResponse(responseCode = "200", description = "The execution (secrets redacted)",
            content = @Content(schema = @Schema(implementation = ExecutionRead.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionRead get(@PathParam("id") UUID id) {
        return reads.render(row(id));
    }

    @GET
    @Path("{id}/status")
    @Operation(operationId = "execution_status", summary = "Get execution status", description = "Status-focused execution view.")
    @APIResponse(responseCode = "200", description = "The status view",
            content = @Content(schema = @Schema(implementation = ExecutionStatusResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionStatusResponse status(@PathParam("id") UUID id) {
        return ExecutionStatusResponse.of(row(id), Instant.now());
    }

    @GET
    @Path("{id}/summary")
    @Operation(operationId = "execution_summary", summary = "Get execution summary", description = "Progress summary for operators.")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = ExecutionSummaryResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionSummaryResponse summary(@PathParam("id") UUID id) {
        return ExecutionSummaryResponse.of(row(id));
    }

    @GET
    @Path("{id}/events")
    @Tag(name = "provenance")
    @Operation(operationId = "list_execution_events", summary = "List execution events",
            description = "Provenance timeline for one execution.")
    @APIResponse(responseCode = "200", description = "The first 100 events, oldest first (an unknown id gives [])",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProvenanceEventResponse.class)))
    public List<ProvenanceEventResponse> events(@PathParam("id") UUID id) {
        return events(id, 100);
    }

    @GET
    @Path("{id}/artifacts")
    @Operation(operationId = "execution_artifacts", summary = "List execution artifacts",
            description = "Immutable artifacts recorded for one execution.")
    @APIResponse(responseCode = "200", description = "Every artifact, ordered by created_at, kind",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ExecutionArtifactRow.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public List<ExecutionArtifactRow> artifacts(@PathParam("id") UUID id) {
        requireExists(id);
        return db.sql().list("SELECT " + ExecutionArtifactRow.COLUMNS + " FROM execution_artifacts WHERE execution_id = $1 "
                + "ORDER BY created_at, kind, uuid", ExecutionArtifactRow::from, id);
    }

    @GET
    @Path("{id}/observations")
    @Operation(operationId = "execution_observations", summary = "List execution observations",
            description = "Append-only evidence observed from Slurm, DALiuGE and output publication.")
    @APIResponse(responseCode = "200", description = "Observations, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ExecutionObservationRow.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public List<ExecutionObservationRow> observations(@PathParam("id") UUID id, @QueryParam("limit") Long limit,
                                                      @QueryParam("offset") Long offset) {
        requireExists(id);
        long l = Math.min(500, Math.max(1, limit == null ? 100 : limit));
        long o = Math.max(0, offset == null ? 0 : offset);
        return db.sql().list("SELECT " + ExecutionObservationRow.COLUMNS + " FROM execution_observations "
                        + "WHERE execution_id = $1 ORDER BY observed_at DESC, uuid DESC LIMIT $2 OFFSET $3",
                ExecutionObservationRow::from, id, l, o);
    }

    @GET
    @Path("{id}/ledger-snapshot")
    @Operation(operationId = "execution_ledger_snapshot", summary = "Get ledger snapshot",
            description = "Compact operator snapshot with provenance summary.")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(schema = @Schema(implementation = LedgerSnapshotResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public LedgerSnapshotResponse ledgerSnapshot(@PathParam("id") UUID id,
                                                 @QueryParam("include_manifest") Boolean includeManifest) {
        ExecutionRow r = row(id);
        List<ProvenanceEventResponse> recent = events(id, 5);
        String correlation = null;
        for (ProvenanceEventResponse e : recent) {
            if (e.correlationId() != null) {
                correlation = e.correlationId();
            }
        }
        UUID activeJob = ActiveExecutionJob.of(db.sql(), id).orElse(null);
        boolean manifest = includeManifest == null || includeManifest;
        return new LedgerSnapshotResponse(r.uuid(), r.status(), r.executionPhase(), r.schedulerName(), r.schedulerJobId(),
                correlation, activeJob, manifest ? Redaction.value(r.workflowManifest()) : null,
                Redaction.string(r.lastError()), Redaction.value(r.phaseTimestamps()),
                new LedgerSnapshotResponse.ProvenanceSummary(r.projectConfigVersion(), r.discoverySignature(), recent));
    }

    private List<ProvenanceEventResponse> events(UUID id, int limit) {
        return new ProvenanceFeed(db).forExecution(id, limit);
    }

    private ExecutionRow row(UUID id) {
        return reads.find(id).orElseThrow(ApiErrors::notFound);
    }

    private void requireExists(UUID id) {
        if (!reads.exists(id)) {
            throw ApiErrors.notFound();
        }
    }
}
