package dev.beampipe.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code beampipe_api_requests_total} and {@code beampipe_api_request_duration_seconds}, both labelled
 * {@code method, route, status} (20-api §6.1), recorded when the response body ends.
 */
@ApplicationScoped
public class RequestMetrics {
    static final String STARTED = "beampipe.metrics.started";
    static final String UNMATCHED = "beampipe.metrics.unmatched";
    /** Fixed buckets: aggregatable across replicas, unlike the reference's client-side summary. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Marks the request as answered by no route, so its path does not become a label value. */
    public static void markUnmatched(RoutingContext ctx) {
        ctx.put(UNMATCHED, Boolean.TRUE);
    }

    /**
     * Measures the request; recorded once, when the response ends. Safe to call on every routing pass: a
     * reroute drops the end handlers of the previous pass, so each pass registers again.
     */
    public void track(RoutingContext ctx) {
        Tracking tracking = ctx.get(STARTED);
        if (tracking == null) {
            tracking = new Tracking(System.nanoTime(), new AtomicBoolean());
            ctx.put(STARTED, tracking);
        }
        Tracking t = tracking;
        ctx.addBodyEndHandler(v -> {
            if (t.recorded().compareAndSet(false, true)) {
                record(ctx, Duration.ofNanos(System.nanoTime() - t.startedNanos()));
            }
        });
    }

    private record Tracking(long startedNanos, AtomicBoolean recorded) {
    }

    private void record(RoutingContext ctx, Duration elapsed) {
        String method = ctx.request().method().name().toUpperCase(Locale.ROOT);
        String route = Boolean.TRUE.equals(ctx.get(UNMATCHED)) ? RouteLabel.UNMATCHED : RouteLabel.of(ctx.request().path());
        String status = Integer.toString(ctx.response().getStatusCode());
        Counter.builder("beampipe_api_requests").description("API requests by method, route and status")
                .tag("method", method).tag("route", route).tag("status", status)
                .register(registry).increment();
        Timer.builder("beampipe_api_request_duration").description("API request duration by method, route and status")
                .tag("method", method).tag("route", route).tag("status", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(elapsed);
    }
}
