package dev.beampipe.systemtests.discovery;

import dev.beampipe.systemtests.ServiceProcess;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged api-service on a cluster's database with a logged-in operator (created with the packaged CLI, as
 * RunbookIT does): what an operator sees through {@code GET /api/v2/...}.
 */
final class OperatorApi implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess api;
    private final String base;
    private final String token;

    private OperatorApi(ServiceProcess api, String base, String token) {
        this.api = api;
        this.base = base;
        this.token = token;
    }

    static OperatorApi start(DiscoveryCluster cluster, String databaseUrl) {
        try {
            Path dir = cluster.logs();
            String password = "ops-" + HexFormat.of().formatHex(random(12));
            Path passwordFile = Files.writeString(dir.resolve("ops.pw"), password + "\n");
            ProcessBuilder createUser = new ProcessBuilder(ServiceProcess.repo().resolve("bin/beampipe").toString(), "admin",
                    "create-user", "--username", "ops", "--email", "ops@example.org", "--password-file", passwordFile.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("create-user.log").toFile()).directory(dir.toFile());
            createUser.environment().put("DATABASE_URL", databaseUrl);
            Process admin = createUser.start();
            boolean done = admin.waitFor(120, TimeUnit.SECONDS);
            Files.deleteIfExists(passwordFile);
            if (!done || admin.exitValue() != 0) {
                throw new IllegalStateException("create-user failed: " + Files.readString(dir.resolve("create-user.log")));
            }
            int port = ServiceProcess.freePort();
            ServiceProcess api = ServiceProcess.start("api-service", "api", Map.of("DATABASE_URL", databaseUrl,
                    "BEAMPIPE_BIND_ADDR", "127.0.0.1:" + port, "BEAMPIPE_JWT_SECRET", HexFormat.of().formatHex(random(32))), dir);
            String base = "http://127.0.0.1:" + port + "/api/v2";
            cluster.awaitTrue(Duration.ofSeconds(60), () -> status(base + "/health") == 200, () -> "api-service up");
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "ops").put("password", password).encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                api.close();
                throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.body());
            }
            return new OperatorApi(api, base, new JsonObject(login.body()).getString("access_token"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code /api/v2<path>} with the operator's token; the body as JSON text, failing on anything but 200. */
    String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " -> " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        api.close();
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
