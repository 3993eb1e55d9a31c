package dev.beampipe.api.metrics;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Measures every request on the API listener, including 404s and 405s (20-api §1.2). */
@ApplicationScoped
public class MetricsRoute {
    void register(@Observes Router router, RequestMetrics metrics) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            metrics.track(ctx);
            ctx.next();
        });
    }
}
