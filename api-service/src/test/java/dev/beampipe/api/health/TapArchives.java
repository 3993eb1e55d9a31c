package dev.beampipe.api.health;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

/** Two real archives for the API under test: CASDA answers its VOSI availability, VizieR answers 503. */
public class TapArchives implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/vizier/") ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("BEAMPIPE_CASDA_TAP_URL", base + "/casda/tap/sync", "BEAMPIPE_VIZIER_TAP_URL", base + "/vizier/tap/sync");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
