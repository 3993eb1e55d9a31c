package dev.beampipe.api.executions;

import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.ledger.CreateRequestHash;
import dev.beampipe.model.ledger.ExecuteFlags;
import dev.beampipe.model.ledger.ExecutionRequest;
import dev.beampipe.model.ledger.IdempotencyKeys;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

/**
 * Execution admission (20-api §2.4): prepare (a dry run that never writes), create (idempotent per user and
 * {@code Idempotency-Key}; the replay check runs before admission, §1.8, §8 item 17) and execute (start).
 */
@Path("/api/v2/executions")
@Tag(name = "executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionAdmissionResource {
    private final Admissions admissions;
    private final ExecutionCreation creation;
    private final ExecutionReads reads;
    private final AccessPolicy access;
    private final ExecutionStarts starts;

    public ExecutionAdmissionResource(Admissions admissions, ExecutionCreation creation, ExecutionReads reads,
                                      AccessPolicy access, ExecutionStarts starts) {
        this.starts = starts;
        this.admissions = admissions;
        this.creation = creation;
        this.reads = reads;
        this.access = access;
    }

    @POST
    @Path("prepare")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "prepare_execution", summary = "Prepare execution",
            description = "Validate sources and preview datasets without creating a ledger row.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecutionCreate.class)))
    @APIResponse(responseCode = "200", description = "The admission verdict (200 even when valid is false)",
            content = @Content(schema = @Schema(implementation = ExecutionPrepareResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or missing field, wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionPrepareResponse prepare(ExecutionCreate body) {
        requireBody(body);
        Admissions.Verdict v = admissions.check(body.toRequest());
        return new ExecutionPrepareResponse(body.projectModule(), v.valid(), v.errors(), v.totalDatasets(), v.previews());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_execution", summary = "Create execution",
            description = "Create a batch execution ledger record.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecutionCreate.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ExecutionRead.class)))
    @APIResponse(responseCode = "200", description = "Idempotent replay: the execution created by the first request",
            content = @Content(schema = @Schema(implementation = ExecutionRead.class)))
    @APIResponse(responseCode = "400", description = "Admission failed (all errors joined by \"; \") or a bad Idempotency-Key",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused for another request, or the profile's concurrency limit",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or missing field, wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response create(ExecutionCreate body, @HeaderParam("Idempotency-Key") String key, RoutingContext ctx) {
        requireBody(body);
        int userId = access.user().id();
        if (key != null) {
            IdempotencyKeys.problem(key).ifPresent(message -> {
                throw ApiErrors.badRequest(message);
            });
        }
        ExecutionRequest request = body.toRequest();
        String hash = CreateRequestHash.sha256(request);
        if (key != null) {
            Optional<ExecutionRow> replayed = creation.replay(userId, key, hash);
            if (replayed.isPresent()) {
                return Response.ok(reads.render(replayed.get())).build();
            }
        }
        Admissions.Verdict v = admissions.check(request);
        if (!v.valid()) {
            throw ApiErrors.badRequest(String.join("; ", v.errors()));
        }
        ExecutionCreation.Outcome outcome = creation.create(userId, key, hash, v, RequestId.of(ctx));
        return Response.status(outcome.created() ? 201 : 200).entity(reads.render(outcome.row())).build();
    }

    @POST
    @Path("{id}/execute")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "execute_execution", summary = "Execute execution",
            description = "Enqueue staging/submit work on the Postgres job queue.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecuteRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted (also for a repeated start with the same flags)",
            content = @Content(schema = @Schema(implementation = ExecuteResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed or missing JSON body",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Not pending, or already started with different flags",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Well-formed JSON of the wrong shape",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response execute(@PathParam("id") UUID id, ExecuteRequest body, RoutingContext ctx,
                            @HeaderParam("traceparent") String traceparent) {
        requireBody(body);
        ExecuteFlags flags = ExecuteFlags.of(body.doStage(), body.doSubmit());
        return Response.accepted(starts.start(id, flags, RequestId.of(ctx), traceparent)).build();
    }

    static void requireBody(Object body) {
        ApiErrors.requireBody(body);
    }
}
