package dev.beampipe.simulators.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.RequestJournal;
import dev.beampipe.simulators.http.SimHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP control API of the standalone node, and concurrent submissions through real SSH sessions. */
class FakeLoginNodeControlTest {

    @TempDir
    static Path dir;
    static FakeLoginNode node;
    static SimHttpServer http;
    static SshTestClient ssh;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = FakeLoginNode.start(FakeLoginNode.Options.in(dir));
        http = SimHttpServer.start("control", 0, Clock.systemUTC(), new RequestJournal(), new FakeLoginNodeControl(node)::handle);
        ssh = new SshTestClient(node.hostPublicKey());
        Files.writeString(node.home().resolve("job.sh"), "#!/bin/bash\ntrue\n");
    }

    @AfterAll
    static void stop() {
        ssh.close();
        http.close();
        node.close();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.baseUri() + "/_control/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void scripts_the_node_over_http() throws Exception {
        assertThat(call("POST", "authorize", ssh.publicKeyLine()).statusCode()).isEqualTo(200);
        assertThat(call("GET", "known-hosts", null).body()).isEqualTo(node.knownHostsLine() + "\n");
        assertThat(call("POST", "fate", "{\"pending\":0,\"running\":1000,\"end\":\"COMPLETED\"}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "fault", "{\"name\":\"receipt\",\"count\":1,\"detail\":{\"mode\":\"duplicate\"}}").statusCode()).isEqualTo(200);
        SshTestClient.Result r = ssh.exec(node, "sbatch --parsable --job-name=over-http job.sh");
        assertThat(r.stdout()).matches("(\\d+)\\n\\1\\n");
        String id = r.stdout().lines().findFirst().orElseThrow();
        List<Object> jobs = (List<Object>) Json.parse(call("GET", "jobs", null).body());
        Map<String, Object> job = (Map<String, Object>) jobs.get(jobs.size() - 1);
        assertThat(job).containsEntry("id", id).containsEntry("name", "over-http").containsEntry("state", "RUNNING");
        assertThat((List<Object>) Json.parse(call("GET", "commands", null).body())).contains("sbatch --parsable --job-name=over-http job.sh");
        assertThat(call("POST", "cancel?id=" + id, null).body()).isEqualTo("{\"cancelled\":true}");
        assertThat(call("POST", "ssh-fault", "{\"kind\":\"drop_before_run\",\"pattern\":\"^squeue\"}").statusCode()).isEqualTo(200);
        assertThat(ssh.exec(node, "squeue -h", null, java.time.Duration.ofSeconds(10)).exitStatus()).isNull();
        assertThat(call("POST", "clear-faults", null).statusCode()).isEqualTo(200);
        assertThat(ssh.exec(node, "squeue -h").exitStatus()).isZero();
        assertThat(call("POST", "fate", "{\"end\":\"SOMETHING\"}").statusCode()).isEqualTo(400);
        assertThat(call("GET", "nope", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "revoke", ssh.publicKeyLine()).statusCode()).isEqualTo(200);
    }

    @Test
    void concurrent_submissions_get_distinct_ids_and_are_all_recorded() throws Exception {
        try (SshTestClient mine = new SshTestClient(node.hostPublicKey())) {
            node.authorize(mine.publicKeyLine());
            int before = node.jobs().size();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    calls.add(() -> mine.exec(node, "sbatch --parsable --job-name=race-" + n + " job.sh").stdout().strip());
                }
                Set<String> ids = new java.util.HashSet<>();
                for (Future<String> f : pool.invokeAll(calls)) {
                    ids.add(f.get());
                }
                assertThat(ids).hasSize(6).allMatch(id -> id.matches("\\d+"));
                assertThat(node.jobs()).hasSize(before + 6);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
