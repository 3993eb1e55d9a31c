package dev.beampipe.api.alerts;

import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.alerts.AlertRule;
import dev.beampipe.model.alerts.AlertRules;
import dev.beampipe.model.alerts.UnknownChannelsException;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Alert rules (20-api §2.10): what fires, how often, through which channels. */
@Path("/api/v2/alert-rules")
@Tag(name = "alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertRulesResource {
    private final AlertRules store;
    private final AccessPolicy access;

    public AlertRulesResource(Database db, AccessPolicy access) {
        this.store = new AlertRules(db);
        this.access = access;
    }

    @GET
    @Operation(operationId = "list_alert_rules", summary = "List alert rules", description = "Configured alert rules.")
    @APIResponse(responseCode = "200", description = "Every rule by name (limit/offset are accepted and ignored)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AlertRuleRow.class)))
    public List<AlertRuleRow> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return store.list().stream().map(AlertRuleRow::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_alert_rule", summary = "Create alert rule", description = "Create a new alert rule.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlertRuleCreate.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = AlertRuleRow.class)))
    @APIResponse(responseCode = "400", description = "Unknown trigger kind or severity, bad trigger_config, unknown channel ids",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response create(AlertRuleCreate body) {
        ApiErrors.requireBody(body);
        access.requireSuperuser();
        AlertRule rule = RuleRequests.fromCreate(body);
        return Response.status(Response.Status.CREATED).entity(AlertRuleRow.of(channelsChecked(() -> store.create(rule)))).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "update_alert_rule", summary = "Update alert rule",
            description = "Patch alert rule name, trigger, severity, or channels.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlertRuleUpdate.class)))
    @APIResponse(responseCode = "200", description = "The updated rule",
            content = @Content(schema = @Schema(implementation = AlertRuleRow.class)))
    @APIResponse(responseCode = "400", description = "Unknown trigger kind or severity, bad trigger_config, unknown channel ids",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public AlertRuleRow update(@PathParam("id") UUID id, AlertRuleUpdate body) {
        ApiErrors.requireBody(body);
        access.requireSuperuser();
        Optional<AlertRule> updated = channelsChecked(() -> store.update(id, current -> RuleRequests.patched(current, body)));
        return updated.map(AlertRuleRow::of).orElseThrow(ApiErrors::notFound);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "delete_alert_rule", summary = "Delete alert rule", description = "Remove an alert rule.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response delete(@PathParam("id") UUID id) {
        access.requireSuperuser();
        if (!store.delete(id)) {
            throw ApiErrors.notFound();
        }
        return Response.noContent().build();
    }

    private static <T> T channelsChecked(Supplier<T> write) {
        try {
            return write.get();
        } catch (UnknownChannelsException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }
}
