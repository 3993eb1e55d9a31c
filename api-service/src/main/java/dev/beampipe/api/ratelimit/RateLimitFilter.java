package dev.beampipe.api.ratelimit;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.errors.ErrorResponses;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Clock;
import java.time.Instant;

/**
 * Runs before authentication (20-api §1.2): 429 {@code rate_limit_exceeded} with {@code Retry-After} once a
 * client IP has used up a sensitive route's window.
 */
public class RateLimitFilter {
    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final Clock clock = Clock.systemUTC();

    public RateLimitFilter(RateLimiter limiter, RateLimitSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        SensitiveRoutes.Group group = SensitiveRoutes.of(request.getMethod(), http.path());
        if (!settings.enabled() || group == SensitiveRoutes.Group.NONE) {
            return Uni.createFrom().nullItem();
        }
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        if (peer == null) {
            return Uni.createFrom().item(ErrorResponses.of(ApiErrors.serviceUnavailable(java.util.List.of())));
        }
        String client = ClientAddress.resolve(peer, http.getHeader("X-Forwarded-For"), settings.trustedProxies());
        String key = client + ":" + SensitiveRoutes.bucket(http.path());
        return limiter.hit(key, settings.limit(group), settings.periodSeconds(), Instant.now(clock)).map(decision -> {
            if (decision.allowed()) {
                return null;
            }
            LOG.infof("event=rate_limit_exceeded client=%s path=%s", client, SensitiveRoutes.bucket(http.path()));
            return ErrorResponses.builder(ApiErrors.tooManyRequests())
                    .header("Retry-After", Long.toString(decision.retryAfterSeconds())).build();
        });
    }
}
