package dev.beampipe.api.metrics;

import dev.beampipe.api.auth.Authenticator;
import dev.beampipe.api.auth.Public;
import dev.beampipe.api.service.ApiSettings;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/**
 * This process's Prometheus registry on the API listener (20-api §2.1, §4): bearer-authenticated unless
 * {@code BEAMPIPE_METRICS_PUBLIC=true} (which the security gate refuses in production). The DB-derived gauges
 * are computed by the scheduler (decision 17), so nothing is refreshed here. Marked {@link Public} so the
 * filter lets it through; the token is checked here, where the switch is known.
 */
@Public
@Path("/api/v2/metrics")
@Tag(name = "health")
public class MetricsResource {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration AUTH_WAIT = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry;
    private final Authenticator authenticator;
    private final boolean metricsPublic;

    public MetricsResource(PrometheusMeterRegistry registry, Authenticator authenticator, Config config) {
        this.registry = registry;
        this.authenticator = authenticator;
        this.metricsPublic = ApiSettings.flag(config, "BEAMPIPE_METRICS_PUBLIC");
    }

    @GET
    @Produces(PROMETHEUS_TEXT)
    @Operation(operationId = "metrics", summary = "Prometheus metrics",
            description = "DB-refreshed gauges and process counters (may require auth unless BEAMPIPE_METRICS_PUBLIC=true).")
    @APIResponse(responseCode = "200", description = "Prometheus text format 0.0.4")
    public Response metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!metricsPublic) {
            authenticator.authenticate(authorization).await().atMost(AUTH_WAIT);
        }
        return Response.ok(registry.scrape()).header(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).build();
    }
}
