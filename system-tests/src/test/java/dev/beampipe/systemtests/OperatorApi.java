package dev.beampipe.systemtests;

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
 * A packaged api-service on a cluster's database with a logged-in operator, a superuser created with the packaged
 * CLI (as RunbookIT does): what an operator sees and does through {@code /api/v2/...}. The api-service process gets
 * the cluster's environment (so {@code BEAMPIPE_USE_REAL_BACKENDS} matches the workers') and is stopped with it.
 */
public final class OperatorApi implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess api;
    private final String base;
    private final String token;

    private OperatorApi(ServiceProcess api, String base, String token) {
        this.api = api;
        this.base = base;
        this.token = token;
    }

    /** A JSON reply: status and body. */
    public record Reply(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    public static OperatorApi start(ServiceCluster cluster) {
        String databaseUrl = cluster.databaseUrl();
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
            ServiceProcess api = cluster.start("api-service", "api", Map.of("BEAMPIPE_BIND_ADDR", "127.0.0.1:" + port,
                    "BEAMPIPE_JWT_SECRET", HexFormat.of().formatHex(random(32))));
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
    public String get(String path) {
        Reply r = send("GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    /** {@code method /api/v2<path>} with the operator's token and an optional JSON body; any status. */
    public Reply send(String method, String path, JsonObject body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(90));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
            }
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
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

    static int status(String url) {
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
