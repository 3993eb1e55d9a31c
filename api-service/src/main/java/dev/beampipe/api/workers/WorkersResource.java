package dev.beampipe.api.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.workers.WorkerIdentity;
import dev.beampipe.model.workers.WorkerRegistry;
import jakarta.ws.rs.Consumes;
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

import java.util.List;
import java.util.UUID;

/**
 * Registered workers, their pools and leases, and the operator controls drain/resume/heartbeat (20-api §2.7).
 * Register, drain and resume are superuser-only; everything else needs any authenticated user.
 */
@Path("/api/v2/workers")
@Tag(name = "operators")
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {
    private final Database db;
    private final WorkerReads reads;
    private final WorkerControl control;
    private final AccessPolicy access;

    public WorkersResource(Database db, ObjectMapper mapper, Settings settings, AccessPolicy access) {
        this.db = db;
        this.reads = new WorkerReads(mapper, settings.worker().staleAfterSeconds());
        this.control = new WorkerControl(db, reads);
        this.access = access;
    }

    @GET
    @Operation(operationId = "list_workers", summary = "List workers",
            description = "Registered workers ordered by status, instance name and start; stopped ones only with include_stopped=true.")
    @APIResponse(responseCode = "200", description = "The workers",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WorkerRead.class)))
    public List<WorkerRead> list(@QueryParam("include_stopped") Boolean includeStopped) {
        return reads.list(db.sql(), Boolean.TRUE.equals(includeStopped));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "register_worker", summary = "Register worker",
            description = "Register or refresh an external worker (upsert on id; a draining worker stays draining).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WorkerRegisterRequest.class)))
    @APIResponse(responseCode = "201", description = "Registered (also when an existing id was updated)",
            content = @Content(schema = @Schema(implementation = WorkerRead.class)))
    @APIResponse(responseCode = "400", description = "Blank required field, non-positive concurrency or unknown role",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Missing required field or wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response register(WorkerRegisterRequest body) {
        ApiErrors.requireBody(body);
        access.requireSuperuser();
        WorkerIdentity identity;
        try {
            identity = WorkerRegistration.identity(body, Uuid7::next);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
        new WorkerRegistry(db).register(identity);
        WorkerRead worker = reads.get(db.sql(), identity.id()).orElseThrow(ApiErrors::notFound);
        return Response.status(Response.Status.CREATED).entity(worker).build();
    }

    @GET
    @Path("leases")
    @Operation(operationId = "list_worker_leases", summary = "List worker leases",
            description = "Running jobs with their lease owner, fencing token and expiry; expired leases only with include_expired=true.")
    @APIResponse(responseCode = "200", description = "The leases",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WorkerLeaseRead.class)))
    public List<WorkerLeaseRead> leases(@QueryParam("worker_id") UUID workerId, @QueryParam("include_expired") Boolean includeExpired) {
        return reads.leases(db.sql(), workerId, Boolean.TRUE.equals(includeExpired));
    }

    @GET
    @Path("pools")
    @Operation(operationId = "list_worker_pools", summary = "List worker pools",
            description = "Non-stopped workers grouped by pool with capacity and live leases.")
    @APIResponse(responseCode = "200", description = "One summary per pool",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WorkerPoolSummary.class)))
    public List<WorkerPoolSummary> pools() {
        return reads.pools(db.sql());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "get_worker", summary = "Get worker", description = "One registered worker.")
    @APIResponse(responseCode = "200", description = "The worker",
            content = @Content(schema = @Schema(implementation = WorkerRead.class)))
    @APIResponse(responseCode = "404", description = "No such worker",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public WorkerRead get(@PathParam("id") UUID id) {
        return reads.get(db.sql(), id).orElseThrow(ApiErrors::notFound);
    }

    @POST
    @Path("{id}/drain")
    @Operation(operationId = "drain_worker", summary = "Drain worker",
            description = "Stop the worker claiming new jobs; running jobs continue. Emits worker.drained.")
    @APIResponse(responseCode = "200", description = "The draining worker",
            content = @Content(schema = @Schema(implementation = WorkerRead.class)))
    @APIResponse(responseCode = "404", description = "No such worker, or it is stopped",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public WorkerRead drain(@PathParam("id") UUID id) {
        String username = access.requireSuperuser().username();
        return control.drain(id, username).orElseThrow(ApiErrors::notFound);
    }

    @POST
    @Path("{id}/resume")
    @Operation(operationId = "resume_worker", summary = "Resume worker",
            description = "Let a draining worker claim jobs again. Emits worker.resumed.")
    @APIResponse(responseCode = "200", description = "The active worker",
            content = @Content(schema = @Schema(implementation = WorkerRead.class)))
    @APIResponse(responseCode = "404", description = "No such worker, or it is stopped",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public WorkerRead resume(@PathParam("id") UUID id) {
        String username = access.requireSuperuser().username();
        return control.resume(id, username).orElseThrow(ApiErrors::notFound);
    }

    @POST
    @Path("{id}/heartbeat")
    @Operation(operationId = "heartbeat_worker", summary = "Worker heartbeat",
            description = "Record a heartbeat for an active or draining worker (a lost worker becomes active again).")
    @APIResponse(responseCode = "200", description = "Recorded",
            content = @Content(schema = @Schema(implementation = WorkerHeartbeatResponse.class)))
    @APIResponse(responseCode = "404", description = "No such worker, or it is stopped",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public WorkerHeartbeatResponse heartbeat(@PathParam("id") UUID id) {
        return control.heartbeat(id).map(at -> new WorkerHeartbeatResponse(id, true, at)).orElseThrow(ApiErrors::notFound);
    }
}
