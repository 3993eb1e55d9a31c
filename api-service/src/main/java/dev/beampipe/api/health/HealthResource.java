package dev.beampipe.api.health;

import dev.beampipe.api.auth.Public;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Liveness: answers without touching any dependency. */
@Public
@Path("/api/v2/health")
@Tag(name = "health")
public class HealthResource {
    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "health", summary = "Liveness probe",
            description = "Return process liveness. Does not check external dependencies.")
    public HealthResponse health() {
        return HealthResponse.OK;
    }
}
