package dev.beampipe.api.service;

import dev.beampipe.model.config.BindAddressConfigSource;

/** {@code BEAMPIPE_BIND_ADDR} (default 127.0.0.1:8080) is where /api/v2 listens. */
public final class ApiBindAddress extends BindAddressConfigSource {
    public ApiBindAddress() {
        super("BEAMPIPE_BIND_ADDR", "quarkus.http.host", "quarkus.http.port");
    }
}
