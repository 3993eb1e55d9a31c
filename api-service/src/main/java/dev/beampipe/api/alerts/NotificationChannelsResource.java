package dev.beampipe.api.alerts;

import dev.beampipe.api.access.AccessPolicy;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.alerts.AlertDeliveries;
import dev.beampipe.model.alerts.AlertDelivery;
import dev.beampipe.model.alerts.AlertPayloads;
import dev.beampipe.model.alerts.ChannelDelivery;
import dev.beampipe.model.alerts.DeliveryResult;
import dev.beampipe.model.alerts.NotificationChannel;
import dev.beampipe.model.alerts.NotificationChannels;
import dev.beampipe.model.db.Database;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Notification channels (20-api §2.10, 50-operations §4.3): webhook or email targets for in-app alerts. Config
 * secrets (and a webhook's url) are redacted in every response; a PATCH merges into the stored config.
 */
@Path("/api/v2/notification-channels")
@Tag(name = "alerts")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationChannelsResource {
    private static final Logger LOG = Logger.getLogger(NotificationChannelsResource.class);

    private final NotificationChannels store;
    private final ChannelWrites writes;
    private final AlertDeliveries deliveries;
    private final ChannelDelivery delivery;
    private final AccessPolicy access;

    public NotificationChannelsResource(Database db, InlineSecretGate secrets, AccessPolicy access, MeterRegistry meters) {
        this.store = new NotificationChannels(db);
        this.writes = new ChannelWrites(store, secrets, meters);
        this.deliveries = new AlertDeliveries(db);
        this.delivery = new ChannelDelivery(secrets.inlineAllowed(), System::getenv);
        this.access = access;
    }

    @GET
    @Operation(operationId = "list_notification_channels", summary = "List notification channels",
            description = "Alert delivery channels (webhook, email).")
    @APIResponse(responseCode = "200", description = "Every channel by name, config redacted",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = NotificationChannelResponse.class)))
    public List<NotificationChannelResponse> list() {
        return store.list().stream().map(NotificationChannelResponse::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_notification_channel", summary = "Create notification channel",
            description = "Register a webhook or SMTP channel.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NotificationChannelCreate.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = NotificationChannelResponse.class)))
    @APIResponse(responseCode = "400", description = "Unknown kind, missing url/smtp_host, or an inline secret in production",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "409", description = "A channel with this name exists",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response create(NotificationChannelCreate body) {
        ApiErrors.requireBody(body);
        access.requireSuperuser();
        return Response.status(Response.Status.CREATED).entity(NotificationChannelResponse.of(writes.create(body))).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "update_notification_channel", summary = "Update notification channel",
            description = "Patch channel configuration.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NotificationChannelUpdate.class)))
    @APIResponse(responseCode = "200", description = "The updated channel",
            content = @Content(schema = @Schema(implementation = NotificationChannelResponse.class)))
    @APIResponse(responseCode = "400", description = "The merged config breaks a rule of the channel's kind",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such channel",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public NotificationChannelResponse update(@PathParam("id") UUID id, NotificationChannelUpdate body) {
        ApiErrors.requireBody(body);
        access.requireSuperuser();
        return writes.update(id, body).map(NotificationChannelResponse::of).orElseThrow(ApiErrors::notFound);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "delete_notification_channel", summary = "Delete notification channel",
            description = "Remove a notification channel.")
    @APIResponse(responseCode = "204", description = "Deleted; deliveries keep their rows, rules forget the channel")
    @APIResponse(responseCode = "404", description = "No such channel",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public Response delete(@PathParam("id") UUID id) {
        access.requireSuperuser();
        if (!store.delete(id)) {
            throw ApiErrors.notFound();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/test")
    @Operation(operationId = "test_notification_channel", summary = "Test notification channel",
            description = "Send a test alert delivery.")
    @APIResponse(responseCode = "200", description = "The recorded delivery and its real outcome (sent or failed)",
            content = @Content(schema = @Schema(implementation = TestDeliveryResponse.class)))
    @APIResponse(responseCode = "400", description = "delivery failed: channel not found",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public TestDeliveryResponse test(@PathParam("id") UUID id) {
        access.requireSuperuser();
        NotificationChannel channel = store.get(id).orElseThrow(() -> ApiErrors.badRequest("delivery failed: channel not found"));
        var alert = AlertPayloads.test(Instant.now());
        DeliveryResult result = delivery.deliver(channel, alert);
        AlertDelivery recorded = deliveries.record(null, channel.id(), result.status(), alert, result.error());
        LOG.infof("event=alert_test_delivery channel_id=%s kind=%s status=%s", channel.id(), channel.kind(), result.status());
        return new TestDeliveryResponse(recorded.id(), recorded.status(), recorded.error());
    }
}
