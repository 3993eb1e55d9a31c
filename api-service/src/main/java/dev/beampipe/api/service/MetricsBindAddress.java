package dev.beampipe.api.service;

import dev.beampipe.model.config.BindAddressConfigSource;

/**
 * {@code BEAMPIPE_METRICS_BIND_ADDR} (default 127.0.0.1:9090): the unauthenticated per-process listener
 * with /metrics and /health, which is the Quarkus management interface here (20-api §8 item 22).
 */
public final class MetricsBindAddress extends BindAddressConfigSource {
    public MetricsBindAddress() {
        super("BEAMPIPE_METRICS_BIND_ADDR", "quarkus.management.host", "quarkus.management.port");
    }
}
