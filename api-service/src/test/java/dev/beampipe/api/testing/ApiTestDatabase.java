package dev.beampipe.api.testing;

import dev.beampipe.model.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Gives the API under test a fresh migrated database ({@code DATABASE_URL}, read like the environment
 * variable) and a free port for the management listener. Tests reach the database through the
 * application's own {@code Database} bean ({@code @Inject}); a second pool here would outlive the app's
 * Mutiny context.
 */
public class ApiTestDatabase implements QuarkusTestResourceLifecycleManager {
    private static volatile TestDatabase current;

    @Override
    public Map<String, String> start() {
        current = TestDatabase.create();
        return Map.of(
                "DATABASE_URL", current.url().toUrlWithSecret(),
                "quarkus.management.test-port", Integer.toString(freePort()));
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
