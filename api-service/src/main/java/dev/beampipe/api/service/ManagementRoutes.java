package dev.beampipe.api.service;

import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The per-process listener's liveness route: plain {@code ok} next to /metrics (20-api §4). */
@ApplicationScoped
public class ManagementRoutes {
    void register(@Observes ManagementInterface management) {
        management.router().get("/health").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; charset=utf-8").end("ok"));
    }
}
