package dev.beampipe.scheduler.service;

import dev.beampipe.model.config.BindAddressConfigSource;

/** {@code BEAMPIPE_METRICS_BIND_ADDR} (default 127.0.0.1:9090) is where the scheduler serves /metrics and /health. */
public final class MetricsBindAddress extends BindAddressConfigSource {
    public MetricsBindAddress() {
        super("BEAMPIPE_METRICS_BIND_ADDR", "quarkus.http.host", "quarkus.http.port");
    }
}
