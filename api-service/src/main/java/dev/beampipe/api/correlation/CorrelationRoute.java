package dev.beampipe.api.correlation;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Gives every request on the API listener its request id before anything else runs. */
@ApplicationScoped
public class CorrelationRoute {
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            RequestId.install(ctx);
            ctx.next();
        });
    }
}
