package dev.beampipe.api.executions.control;

import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.correlation.RequestId;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.executions.ExecutionArtifactRow;
import dev.beampipe.api.executions.ExecutionRead;
import dev.beampipe.api.executions.ExecutionReads;
import dev.beampipe.model.auth.UserAccount;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ledger.control.CancellationRules;
import dev.beampipe.model.ledger.control.ExternalCancel;
import dev.beampipe.model.ledger.control.OutputVerification;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Execution control (20-api §2.4): cancel (PATCH, any user), operator abandonment of an unresolved Slurm or DALiuGE
 * REST submission (docs/rest-abandonment.md) and trusted-publisher output verification (both superuser, checked after the body is bound). Shares the class path
 * of the execution reads so the PATCH and GET of {@code /executions/{id}} route together.
 */
@Path("/api/v2/executions")
@Tag(name = "executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionControlResource {
    private final ExecutionControl control;
    private final ExecutionReads reads;
    private final Database db;
    private final AccessPolicy access;

    public ExecutionControlResource(Database db, ExecutionReads reads, AccessPolicy access) {
        this.control = new ExecutionControl(db, ExternalCancel.realBackends(org.eclipse.microprofile.config.ConfigProvider
                .getConfig().getOptionalValue("BEAMPIPE_USE_REAL_BACKENDS", String.class).orElse(null)));
        this.reads = reads;
        this.db = db;
        this.access = access;
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "patch_execution", summary = "Update execution",
            description = "Patch status or scheduler metadata; cancel when permitted. Only status=cancelled is served.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecutionPatchRequest.class)))
    @APIResponse(responseCode = "200", description = "The cancelled execution",
            content = @Content(schema = @Schema(implementation = ExecutionRead.class)))
    @APIResponse(responseCode = "400", description = "A status other than cancelled, or an unconfirmed external cancel",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Terminal, or the submission outcome is unresolved",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown field or status value",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionRead patch(@PathParam("id") UUID id, ExecutionPatchRequest body, RoutingContext ctx) {
        ApiErrors.requireBody(body);
        ControlErrors.run(() -> {
            CancellationRules.requireCancelled(body.status().wire());
            return null;
        });
        UserAccount user = access.user();
        control.cancel(id, "user:" + user.uuid(), RequestId.of(ctx));
        return read(id);
    }

    @POST
    @Path("{id}/submission/abandon")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "abandon_execution_submission", summary = "Abandon unresolved submission",
            description = "Fail an execution whose Slurm or DALiuGE REST submission outcome stayed unresolved, after "
                    + "durable negative evidence (Slurm name lookups, or DIM polls answering that the session is unknown) "
                    + "and a 24 h quiet period. Superuser.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecutionSubmissionAbandonRequest.class)))
    @APIResponse(responseCode = "200", description = "The failed execution",
            content = @Content(schema = @Schema(implementation = ExecutionRead.class)))
    @APIResponse(responseCode = "400", description = "Request rule (failure.code)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "State, compare-and-set or evidence rule (failure.code)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or missing field, wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "429", description = "Rate limited",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "500", description = "Database error",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionRead abandon(@PathParam("id") UUID id, ExecutionSubmissionAbandonRequest body, RoutingContext ctx) {
        ApiErrors.requireBody(body);
        UserAccount user = access.requireSuperuser();
        control.abandon(id, body, "user:" + user.uuid(), RequestId.of(ctx));
        return read(id);
    }

    @POST
    @Path("{id}/outputs/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verify_execution_outputs", summary = "Verify execution outputs",
            description = "Trusted-publisher acknowledgement of the durable output inventory; completes the execution. "
                    + "Superuser.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExecutionOutputVerificationRequest.class)))
    @APIResponse(responseCode = "200", description = "The completed execution and the stored inventory artifact",
            content = @Content(schema = @Schema(implementation = ExecutionOutputVerificationResponse.class)))
    @APIResponse(responseCode = "400", description = "Inventory rule (message)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such execution",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "Not awaiting verification, opted out, schema mismatch or a different inventory",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or missing field, wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public ExecutionOutputVerificationResponse verify(@PathParam("id") UUID id, ExecutionOutputVerificationRequest body,
                                                      RoutingContext ctx) {
        ApiErrors.requireBody(body);
        UserAccount user = access.requireSuperuser();
        OutputVerification.Verified verified = control.verify(id, body, "trusted-publisher:" + user.uuid(), RequestId.of(ctx));
        ExecutionArtifactRow artifact = db.sql().first("SELECT " + ExecutionArtifactRow.COLUMNS
                        + " FROM execution_artifacts WHERE uuid = $1", ExecutionArtifactRow::from,
                UUID.fromString(verified.artifact().getString("uuid"))).orElseThrow(ApiErrors::notFound);
        return new ExecutionOutputVerificationResponse(read(id), artifact);
    }

    private ExecutionRead read(UUID id) {
        return reads.render(reads.find(id).orElseThrow(ApiErrors::notFound));
    }
}
