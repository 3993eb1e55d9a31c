package dev.beampipe.api.executions.control;

import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.auth.UserAccount;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.ExecutionRetry;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Operator retry of a failed execution (20-api §2.4, 10-state §2.9): any authenticated user, rate limited. */
@Path("/api/v2/executions/{id}/retry")
@Tag(name = "executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionRetryResource {
    private final ExecutionRetry retry;
    private final AccessPolicy access;

    public ExecutionRetryResource(Database db, AccessPolicy access) {
        this.retry = new ExecutionRetry(db);
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retry_execution", summary = "Retry execution",
            description = "Retry a failed execution from its last safe stage; refused (409, failure.code) while external "
                    + "work may exist.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecutionRetryRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = ExecutionRetryResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Retry rejected (failure.code names the reason)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Missing reason or wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response retry(@PathParam("id") UUID id, ExecutionRetryRequest body, @Context RoutingContext ctx) {
        ApiErrors.requireBody(body);
        UserAccount user = access.user();
        ExecutionRetry.Result r = ControlErrors.run(() -> retry.retry(id, body.reason(), "user:" + user.uuid(), RequestId.of(ctx)));
        return Response.accepted(new ExecutionRetryResponse("accepted", r.executionId(), r.jobId(), r.retryCount(),
                r.plan().stage(), r.plan().doStage(), r.plan().doSubmit())).build();
    }
}
