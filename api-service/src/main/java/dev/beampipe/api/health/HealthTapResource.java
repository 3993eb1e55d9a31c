package dev.beampipe.api.health;

import dev.beampipe.api.auth.Public;
import dev.beampipe.model.tap.TapHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public TAP health (20-api §2.1): always 200, answered from the cached real probe. */
@Public
@Path("/api/v2/health/tap")
@Tag(name = "health")
public class HealthTapResource {
    private final TapHealth tap;

    public HealthTapResource(TapHealth tap) {
        this.tap = tap;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "health_tap", summary = "Archive TAP probe",
            description = "Probe configured archive TAP endpoints used by discovery.")
    @APIResponse(responseCode = "200", description = "ok, error or not_configured per archive (cached for 30 s)",
            content = @Content(schema = @Schema(implementation = TapHealthResponse.class)))
    public TapHealthResponse tap() {
        TapHealth.Status status = tap.status();
        return new TapHealthResponse(status.casda().wire(), status.vizier().wire(), status.checkedAt());
    }
}
