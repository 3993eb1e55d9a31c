package dev.beampipe.cli.start;

import dev.beampipe.cli.PackagedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code beampipe start} end to end: embedded PostgreSQL, migrations, the example survey with its sample sources,
 * the TAP simulator and the three packaged services as children, readiness, then Ctrl-C (SIGINT) → exit 0 with no process left behind. Needs the three service
 * jars (built before cli in a full {@code mvn verify}); skipped when one is missing.
 */
class StartIT {
    private static final Pattern READY = Pattern.compile("beampipe is ready: (http://\\S+/api/v2)");

    private final PackagedCli cli = new PackagedCli();
    private final List<ProcessHandle> seen = new ArrayList<>();
    private PackagedCli.Run run;

    @TempDir
    Path dir;

    @AfterEach
    void leaveNothingBehind() {
        if (run != null && run.process().isAlive()) {
            run.process().descendants().forEach(ProcessHandle::destroyForcibly);
            run.process().destroyForcibly();
        }
        seen.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void startBecomesReadyAndCtrlCStopsEverything() throws Exception {
        Path root = PackagedCli.repositoryRoot();
        for (String module : List.of("api-service", "scheduler-service", "worker-service")) {
            assumeThat(root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"))
                    .as("packaged " + module + " (mvn -DskipTests install)").isRegularFile();
        }
        assumeThat(new AppHome(root).jar(Service.TAP_SIMULATOR)).as("packaged simulators (mvn -DskipTests install)").isPresent();
        Path home = dir.resolve("home");
        int port = FreePorts.allocate(1).get(0);

        run = cli.start(dir.resolve("work"), Map.of("BEAMPIPE_HOME", home.toString()),
                List.of("DATABASE_URL", "BEAMPIPE_APP_HOME", "BEAMPIPE_BIND_ADDR", SimulatedArchives.CASDA_TAP_URL,
                        SimulatedArchives.VIZIER_TAP_URL), "start", "--port", Integer.toString(port));

        String apiUrl = awaitReadyLine(Duration.ofSeconds(180));
        assertThat(apiUrl).isEqualTo("http://127.0.0.1:" + port + "/api/v2");
        assertThat(home.resolve("local/beampipe.pid")).content().isEqualToIgnoringWhitespace(Long.toString(run.process().pid()));
        assertThat(home.resolve("local/postgres/PG_VERSION")).exists();
        try (Stream<ProcessHandle> descendants = run.process().descendants()) {
            seen.addAll(descendants.toList());
        }
        assertThat(seen).as("TAP simulator, scheduler, worker and api children").hasSizeGreaterThanOrEqualTo(4);
        assertThat(seen).as("the TAP simulator runs as a child")
                .anyMatch(p -> p.info().arguments().map(a -> List.of(a).contains(SimulatedArchives.MAIN_CLASS)).orElse(false));

        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/ready")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        // a fresh database gets a first superuser, whose password file lets the operator log in
        Path passwordFile = home.resolve("local/admin-password");
        assertThat(passwordFile).exists();
        assertThat(java.nio.file.Files.getPosixFilePermissions(passwordFile))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String password = java.nio.file.Files.readString(passwordFile).trim();
        assertThat(run.out()).doesNotContain(password);
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/login")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        java.util.regex.Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).isTrue();
        String bearer = "Bearer " + token.group(1);
        // a fresh database gets the repository's example survey and its default profile
        HttpResponse<String> projects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/projects")).header("Authorization", bearer)
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(projects.body()).contains("\"project_id\":\"hipass_sample\"");
        HttpResponse<String> profiles = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/deployment-profiles")).header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(profiles.body()).contains("\"name\":\"local-dim\"");
        // ... and a dozen enabled sample sources in it
        HttpResponse<String> sources = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/sources?project_module=hipass_sample&limit=100"))
                        .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sources.statusCode()).as(sources.body()).isEqualTo(200);
        for (String id : ExampleSurvey.SAMPLE_SOURCES) {
            assertThat(sources.body()).contains("\"source_identifier\":\"" + id + "\"");
        }
        // the API was given the simulated archives and reaches them
        HttpResponse<String> tap = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/health/tap")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tap.body()).contains("\"casda\":\"ok\"", "\"vizier\":\"ok\"");
        // discovery finds every sample source in the simulated archives: each gets a signature
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            HttpResponse<String> discovered = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(apiUrl + "/sources?project_module=hipass_sample&limit=100"))
                            .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher signatures = Pattern.compile("\"discovery_signature\":\"[0-9a-f]{64}\"").matcher(discovered.body());
            assertThat(signatures.results().count()).as(discovered.body()).isEqualTo(ExampleSurvey.SAMPLE_SOURCES.size());
        });

        // ... and the sample flows on: admitted sources run as dry runs (nothing leaves the process) to completed
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            HttpResponse<String> executions = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(apiUrl + "/executions?project_module=hipass_sample&items_per_page=100"))
                            .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(executions.body()).as("an execution of the sample completes").contains("\"status\":\"completed\"");
        });

        new ProcessBuilder("kill", "-INT", Long.toString(run.process().pid())).inheritIO().start().waitFor();

        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s\n" + run.err()).isTrue();
        assertThat(run.process().exitValue()).as(run.err()).isZero();
        assertThat(seen).as("descendants still alive").noneMatch(ProcessHandle::isAlive);
        assertThat(home.resolve("local/beampipe.pid")).doesNotExist();
        assertThat(LocalPostgres.postmasterPid(home.resolve("local/postgres"))).isEmpty();
        for (String log : List.of("api", "scheduler", "worker", "postgres", "tap-simulator")) {
            assertThat(home.resolve("local/logs/" + log + ".log")).isNotEmptyFile();
        }
    }

    private String awaitReadyLine(Duration timeout) {
        String[] url = new String[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!run.process().isAlive()) {
                throw new AssertionError("beampipe start exited with " + run.process().exitValue() + "\nstderr:\n"
                        + run.err() + logs());
            }
            Matcher m = READY.matcher(run.out());
            if (m.find()) {
                url[0] = m.group(1);
                return true;
            }
            return false;
        });
        return url[0];
    }

    private String logs() {
        StringBuilder sb = new StringBuilder();
        Path logs = dir.resolve("home/local/logs");
        try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            for (Path f : files.toList()) {
                sb.append("\n--- ").append(f.getFileName()).append(" ---\n").append(Files.readString(f));
            }
        } catch (IOException e) {
            sb.append("\n(cannot read logs: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }
}
