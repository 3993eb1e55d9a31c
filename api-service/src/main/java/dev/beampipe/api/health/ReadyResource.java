package dev.beampipe.api.health;

import dev.beampipe.api.auth.Public;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.tap.TapHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/** Readiness for Kubernetes probes: public, unlike the reference (20-api §2.1, decision 11). */
@Public
@Path("/api/v2/ready")
@Tag(name = "health")
public class ReadyResource {
    /** How long {@code /ready} waits for a TAP probe in flight before reporting the previous result. */
    static final Duration TAP_WAIT = Duration.ofMillis(500);
    private final Readiness readiness;
    private final TapHealth tap;

    public ReadyResource(Readiness readiness, TapHealth tap) {
        this.readiness = readiness;
        this.tap = tap;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ready", summary = "Readiness probe", description = "Check PostgreSQL, applied "
            + "migrations, a live scheduler leader and at least one live worker. Returns HTTP 503 when any check fails. "
            + "The archives' TAP states are reported from the cached probe and never fail the check.")
    @APIResponse(responseCode = "200", description = "Every check passed",
            content = @Content(schema = @Schema(implementation = ReadyResponse.class)))
    @APIResponse(responseCode = "503", description = "A check failed; one diagnostic per failed check",
            content = @Content(schema = @Schema(implementation = NotReadyResponse.class)))
    public Response ready() {
        ReadyReport report = readiness.check();
        ReadyDependencies dependencies = ReadyDependencies.of(report.databaseUp(), tap.latest(TAP_WAIT));
        if (report.ready()) {
            return Response.ok(ReadyResponse.ready(report, dependencies)).build();
        }
        var failure = ApiErrors.serviceUnavailable(report.problems()).failure();
        return Response.status(503).entity(NotReadyResponse.of(failure, report.checks(), dependencies)).build();
    }
}
