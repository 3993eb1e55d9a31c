package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.RecordedRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing leaves the process; each call the REST path would make is described exactly. */
class DryRunBackendTest {

    @Test
    void recordsEveryCallAndSendsNone() throws Exception {
        try (DaliugeSimulator sim = DaliugeSimulator.start(0)) {
            List<String> stages = new ArrayList<>();
            List<JsonObject> requests = new ArrayList<>();
            DryRunBackend backend = new DryRunBackend((stage, request) -> {
                stages.add(stage);
                requests.add(request);
            }, Clock.systemUTC());
            UUID id = UUID.randomUUID();
            String sid = SessionIds.forExecution(id, Instant.parse("2026-11-29T10:00:00Z"));
            SubmitRequest r = new SubmitRequest(id, sid, ExampleProject.graph(), ExampleProject.translation(sim),
                    ExampleProject.deployment(sim), Instant.now().plusSeconds(60),
                    SubmitRequest.nanosFrom(System.nanoTime(), java.time.Duration.ofSeconds(60)));

            DimSubmitted s = backend.submit(r);

            assertThat(sim.tm().journal().all()).isEmpty();
            assertThat(sim.dim().journal().all()).isEmpty();
            assertThat(stages).containsExactly("tm_unroll_and_partition", "tm_map", "dim_create_session",
                    "dim_append_graph", "dim_deploy_session");
            String tm = sim.tmBase().toString().replaceAll("/+$", "");
            String dim = ExampleProject.deployment(sim).dimRestBase();
            assertThat(requests.get(0).getString("url")).isEqualTo(tm + "/unroll_and_partition");
            assertThat(requests.get(0).getString("body")).isEqualTo(TranslatorClient.formBody(
                    TranslatorClient.unrollForm(r.patchedGraph(), r.translation())));
            assertThat(requests.get(0).getJsonArray("form").stream().map(f -> ((JsonObject) f).getString("name")).toList())
                    .containsExactly("lg_content", "num_partitions", "num_islands", "algorithm");
            ArrayNode standIn = JsonNodeFactory.instance.arrayNode().add(r.patchedGraph());
            assertThat(requests.get(1).getString("body")).isEqualTo(TranslatorClient.formBody(
                    TranslatorClient.mapForm(standIn, "127.0.0.1", sim.dimBase().getPort(), 1)));
            assertThat(requests.get(2).getString("url")).isEqualTo(dim + "/api/sessions");
            assertThat(requests.get(2).getString("body")).isEqualTo("{\"sessionId\":\"" + sid + "\"}");
            assertThat(requests.get(3).getString("url")).isEqualTo(dim + "/api/sessions/" + sid + "/graph/append");
            assertThat(requests.get(4).getString("url")).isEqualTo(dim + "/api/sessions/" + sid + "/deploy");
            assertThat(requests.get(4).getString("content_type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(requests).allSatisfy(q -> {
                assertThat(q.getString("schema")).isEqualTo(DryRunRecorder.SCHEMA);
                assertThat(q.getBoolean("sent")).isFalse();
            });
            assertThat(s.physicalGraph()).isEqualTo(standIn);
            assertThat(s.roots()).isEmpty();
            assertThat(s.sessionId()).isEqualTo(sid);
        }
    }

    /** The recorded requests are byte-for-byte what the real clients send the simulators for the same inputs. */
    @Test
    void recordedRequestsEqualWhatTheRealClientsSend() throws Exception {
        try (DaliugeSimulator sim = DaliugeSimulator.start(0)) {
            List<JsonObject> requests = new ArrayList<>();
            UUID id = UUID.randomUUID();
            String sid = SessionIds.forExecution(id, Instant.parse("2026-11-29T10:00:00Z"));
            SubmitRequest r = new SubmitRequest(id, sid, ExampleProject.graph(), ExampleProject.translation(sim),
                    ExampleProject.deployment(sim), Instant.now().plusSeconds(60),
                    SubmitRequest.nanosFrom(System.nanoTime(), java.time.Duration.ofSeconds(60)));
            new DryRunBackend((stage, request) -> requests.add(request), Clock.systemUTC()).submit(r);
            assertThat(sim.tm().journal().all()).isEmpty();
            assertThat(sim.dim().journal().all()).isEmpty();

            // the real clients, same inputs (the map/append/deploy inputs are the dry run's stand-in template)
            ArrayNode standIn = JsonNodeFactory.instance.arrayNode().add(r.patchedGraph());
            TranslatorClient tm = new TranslatorClient(r.translation().tmUrl(), false);
            tm.unrollAndPartition(r.patchedGraph(), r.translation());
            quietly(() -> tm.map(standIn, r.rest().tmDimHost(), r.rest().tmDimPort(),
                    r.translation().islandsForTm()));
            IslandManagerClient dim = IslandManagerClient.forProfile(r.rest());
            dim.createSession(sid);
            quietly(() -> dim.appendGraph(sid, standIn));
            quietly(() -> dim.deploy(sid, List.of()));

            String tmBase = tm.base();
            assertSent(requests.get(0), tmBase, sim.tm().journal().matching("POST", "/unroll_and_partition"));
            assertSent(requests.get(1), tmBase, sim.tm().journal().matching("POST", "/map"));
            assertSent(requests.get(2), dim.base(), sim.dim().journal().matching("POST", "/api/sessions"));
            assertSent(requests.get(3), dim.base(), sim.dim().journal().matching("POST", "/api/sessions/" + sid + "/graph/append"));
            assertSent(requests.get(4), dim.base(), sim.dim().journal().matching("POST", "/api/sessions/" + sid + "/deploy"));
        }
    }

    interface Call {
        void run() throws Exception;
    }

    static void quietly(Call call) throws InterruptedException {
        try {
            call.run();
        } catch (dev.beampipe.model.daliuge.DaliugeException e) {
            // the simulator may refuse the stand-in; the request it received is what matters here
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertSent(JsonObject recorded, String base, List<RecordedRequest> sent) {
        assertThat(sent).hasSize(1);
        RecordedRequest real = sent.get(0);
        assertThat(recorded.getString("method")).isEqualTo(real.method());
        assertThat(recorded.getString("url")).isEqualTo(base + real.path());
        assertThat(real.header("Content-Type")).startsWith(recorded.getString("content_type"));
        assertThat(recorded.getString("body")).isEqualTo(real.bodyText());
    }
}
