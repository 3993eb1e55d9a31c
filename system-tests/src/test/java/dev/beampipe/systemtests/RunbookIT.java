package dev.beampipe.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4, acceptance 2: the operator runbook of {@code docs/api.md}, as a fresh operator runs it. The first
 * operator is created with the packaged CLI ({@code bin/beampipe admin create-user}); then the runbook's own bash
 * blocks (curl + jq) log in, upload the reference WALLABY config and its {@code dlg-dim} profile, register 50
 * sources and trigger discovery against a packaged api-service; the test inserts one source's discovered
 * metadata (the discovery handler arrives with the discovery issue) and runs the second block: prepare, create,
 * a dry execute ({@code do_stage=false, do_submit=false}) and the events.
 */
class RunbookIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOCK = Pattern.compile("<!-- runbook:(\\w+) -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void aFreshOperatorGetsFromLoginToADryExecution() throws Exception {
        Path config = ReferenceFiles.path("config/wallaby_hires.v2.yaml");
        Path profile = ReferenceFiles.path("config/deployment_profile.dlg-dim.json");
        Map<String, String> blocks = runbookBlocks();
        assertThat(blocks).containsKeys("login", "execute");

        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            Files.writeString(work.resolve("ops.pw"), "runbook-" + HexFormat.of().formatHex(random(12)) + "\n");
            ProcessBuilder createUser = new ProcessBuilder(ServiceProcess.repo().resolve("bin/beampipe").toString(), "admin",
                    "create-user", "--username", "ops", "--email", "ops@example.org", "--password-file", work.resolve("ops.pw").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("admin.log").toFile()).directory(work.toFile());
            createUser.environment().put("DATABASE_URL", t.url().toUrlWithSecret());
            Process admin = createUser.start();
            assertThat(admin.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(admin.exitValue()).as(Files.readString(work.resolve("admin.log"))).isZero();

            int port = ServiceProcess.freePort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "DATABASE_URL", t.url().toUrlWithSecret(),
                    "BEAMPIPE_BIND_ADDR", "127.0.0.1:" + port,
                    "BEAMPIPE_JWT_SECRET", HexFormat.of().formatHex(random(32)),
                    // relative graph paths in the reference config resolve against its folder
                    "BEAMPIPE_HOME", config.getParent().getParent().toString()));
            try (ServiceProcess api = ServiceProcess.start("api-service", "api", env, work)) {
                String base = "http://127.0.0.1:" + port + "/api/v2";
                await().atMost(Duration.ofSeconds(60)).until(() -> status(base + "/health") == 200);

                Map<String, String> shell = Map.of("API", base, "OUT", work.toString(),
                        "CONFIG", config.toString(), "PROFILE", profile.toString());
                runBash(blocks.get("login"), shell, "login");

                assertThat(read("me.json").path("username").asText()).isEqualTo("ops");
                assertThat(read("config.json").path("valid").asBoolean()).isTrue();
                assertThat(read("profile.json").path("name").asText()).isEqualTo("dlg-dim");
                assertThat(read("sources.json").path("total").asInt()).isEqualTo(50);
                assertThat(read("source-list.json")).hasSize(50);
                assertThat(read("discover.json").path("marked_count").asInt()).isEqualTo(50);
                // the discovery trigger is a visible job
                assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'scheduler_tick' "
                        + "AND idempotency_key = 'discover_trigger:wallaby_hires' AND status = 'queued'")).isEqualTo(1);

                discovered(db, "HIPASSJ0001-00");
                runBash(blocks.get("execute"), shell, "execute");

                assertThat(read("prepare.json").path("valid").asBoolean()).isTrue();
                JsonNode execution = read("execution.json");
                assertThat(execution.path("status").asText()).isEqualTo("pending");
                assertThat(execution.path("project_module").asText()).isEqualTo("wallaby_hires");
                JsonNode execute = read("execute.json");
                assertThat(execute.path("status").asText()).isEqualTo("accepted");
                assertThat(execute.path("do_stage").asBoolean()).isFalse();
                assertThat(execute.path("do_submit").asBoolean()).isFalse();
                assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'execute' AND idempotency_key = $1",
                        "execute:" + execution.path("uuid").asText())).isEqualTo(1);
                JsonNode events = read("events.json");
                assertThat(events).isNotEmpty();
                assertThat(events.get(0).path("event_type").asText()).isEqualTo("execution.created");
                assertThat(read("status.json").path("uuid").asText()).isEqualTo(execution.path("uuid").asText());
                assertThat(read("ledger.json").path("provenance_summary").path("recent_events")).isNotEmpty();
            }
        }
    }

    /** What discovery would have stored for one source: its metadata row and a completed discovery. */
    private static void discovered(Database db, String source) {
        JsonObject metadata = new JsonObject().put("source_identifier", source).put("sbid", "12345")
                .put("datasets", new JsonArray().add(new JsonObject().put("filename", "image.restored.i." + source + ".cube.fits")
                        .put("access_url", "https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=cube-1")));
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                + "VALUES (gen_random_uuid(), 'wallaby_hires', $1, '12345', $2)", source, metadata);
        db.sql().update("UPDATE source_registry SET last_checked_at = now(), last_attempted_at = now(), "
                + "discovery_signature = $2, discovery_claim_token = NULL, discovery_claim_expires_at = NULL, "
                + "workflow_run_pending = true, workflow_run_pending_at = now() "
                + "WHERE project_module = 'wallaby_hires' AND source_identifier = $1", source, "f".repeat(64));
    }

    private void runBash(String script, Map<String, String> env, String name) throws IOException, InterruptedException {
        Path file = work.resolve(name + ".sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".out").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(name + " block failed:\n" + Files.readString(work.resolve(name + ".out"))
                + "\napi log:\n" + tail(work.resolve("api.log"))).isZero();
    }

    private JsonNode read(String file) throws IOException {
        return JSON.readTree(work.resolve(file).toFile());
    }

    private static Map<String, String> runbookBlocks() throws IOException {
        String doc = Files.readString(ServiceProcess.repo().resolve("docs/api.md"), StandardCharsets.UTF_8);
        Map<String, String> blocks = new HashMap<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
