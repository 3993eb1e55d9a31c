package dev.beampipe.api.alerts;

import dev.beampipe.model.alerts.AlertDeliveries;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The delivery log (20-api §2.10): newest first, {@code limit} default 50, clamped 1..500; {@code offset} ignored. */
@Path("/api/v2/alert-deliveries")
@Tag(name = "alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertDeliveriesResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AlertDeliveries deliveries;

    public AlertDeliveriesResource(Database db) {
        this.deliveries = new AlertDeliveries(db);
    }

    @GET
    @Operation(operationId = "list_alert_deliveries", summary = "List alert deliveries", description = "Audit log of alert deliveries.")
    @APIResponse(responseCode = "200", description = "Newest first; payload and error redacted",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AlertDeliveryResponse.class)))
    public List<AlertDeliveryResponse> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return deliveries.recent(clamp(limit)).stream().map(AlertDeliveryResponse::of).toList();
    }

    static int clamp(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    }
}
