package dev.beampipe.systemtests.execution;

import dev.beampipe.simulators.tap.WallabyArchive;
import dev.beampipe.systemtests.OperatorApi;
import dev.beampipe.systemtests.discovery.ArchiveTruth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 acceptance 1: the reference WALLABY config with the dlg-dim profile pointed at the simulators; 20
 * registered sources are discovered, admitted (one source per execution), staged through CASDA DataLink + SODA,
 * get a manifest and a patched graph, are translated by the TM, deployed on the DIM, polled to FINISHED, wait at the
 * output verification gate (the reference config requires it), are verified by a trusted publisher through
 * {@code POST /api/v2/executions/{id}/outputs/verify} and end {@code completed}. Every event and artifact of every
 * execution is read back over the API and matches the ledger.
 */
@ExtendWith(SharedExecutionStage.class)
class ExecutionEndToEndIT {
    static final int SOURCES = 20;

    @Test
    void twentySourcesRunFromDiscoveryToCompletedAndEveryEventAndArtifactIsOnTheApi(SharedExecutionStage.Stage stage) {
        ExecutionCluster cluster = stage.cluster();
        OperatorApi api = stage.api();
        List<String> sources = stage.sources(SOURCES);
        int createsBefore = cluster.tap().staging().count("create");
        Map<String, Integer> tmBefore = cluster.dlg().tmCounts();
        Map<String, Integer> dimBefore = cluster.dlg().dimCounts();
        long started = System.nanoTime();

        cluster.register(sources);
        Map<String, UUID> executions = new LinkedHashMap<>();
        for (String source : sources) {
            executions.put(source, cluster.awaitExecution(source, Duration.ofSeconds(90)));
        }
        assertThat(new TreeSet<>(executions.values())).as("one execution per source (WALLABY: max_sources_per_execution 1)")
                .hasSize(SOURCES);
        for (UUID id : executions.values()) {
            cluster.awaitRow(id, Duration.ofSeconds(180), "finishes running (terminal, or at the output verification gate)",
                    ExecutionCluster::finishedRunning);
        }
        System.out.printf("%d executions ran to the verification gate in %d ms%n", SOURCES, (System.nanoTime() - started) / 1_000_000);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, UUID> e : executions.entrySet()) {
            JsonObject row = cluster.row(e.getValue());
            expect(problems, e.getKey(), "pinned policy requires output verification (reference config)",
                    ExecutionCluster.requiresVerification(row), true);
            expect(problems, e.getKey(), "status at the gate (row " + ExecutionCluster.summary(row) + ")", row.getString("status"), "running");
            expect(problems, e.getKey(), "control_phase at the gate", row.getString("control_phase"), "output_verification");
            if ("running".equals(row.getString("status"))) {
                expect(problems, e.getKey(), "submission_state", row.getString("submission_state"), "submitted");
                expect(problems, e.getKey(), "daliuge_state", row.getString("daliuge_state"), "finished");
            }
        }
        assertThat(problems).as("every execution waits at the output verification gate after a FINISHED session").isEmpty();

        for (Map.Entry<String, UUID> e : executions.entrySet()) {
            OperatorApi.Reply reply = TrustedPublisher.verify(api, e.getValue(), e.getKey());
            assertThat(reply.status()).as("outputs/verify of " + e.getKey() + ": " + reply.body()).isEqualTo(200);
            assertThat(reply.json().getJsonObject("execution").getString("status")).as("status returned by outputs/verify")
                    .isEqualTo("completed");
        }

        for (Map.Entry<String, UUID> e : executions.entrySet()) {
            checkOneExecution(cluster, api, e.getKey(), e.getValue(), problems);
        }
        assertThat(problems).as("per-execution ledger, simulator and API checks").isEmpty();

        int expectedSodaJobs = sources.stream().mapToInt(s -> ArchiveTruth.of(cluster.tap().archive(), s).sbids().size() + 1).sum();
        assertThat(cluster.tap().staging().count("create") - createsBefore)
                .as("SODA staging jobs: one per SBID batch plus one evaluation batch per execution").isEqualTo(expectedSodaJobs);
        Map<String, Integer> tm = delta(cluster.dlg().tmCounts(), tmBefore);
        Map<String, Integer> dim = delta(cluster.dlg().dimCounts(), dimBefore);
        assertThat(tm.getOrDefault("unroll_and_partition", 0)).as("TM unroll_and_partition calls, one per execution").isEqualTo(SOURCES);
        assertThat(tm.getOrDefault("map", 0)).as("TM map calls, one per execution").isEqualTo(SOURCES);
        assertThat(dim.getOrDefault("create_session", 0)).as("DIM session creates, one per execution").isEqualTo(SOURCES);
        assertThat(dim.getOrDefault("append_graph", 0)).as("DIM graph appends, one per execution").isEqualTo(SOURCES);
        assertThat(dim.getOrDefault("deploy_session", 0)).as("DIM deploys, one per execution").isEqualTo(SOURCES);
        assertThat(dim.getOrDefault("session_status", 0)).as("DIM status polls").isGreaterThanOrEqualTo(SOURCES);
    }

    private static void checkOneExecution(ExecutionCluster cluster, OperatorApi api, String source, UUID id, List<String> problems) {
        JsonObject row = cluster.row(id);
        expect(problems, source, "status after verification", row.getString("status"), "completed");
        expect(problems, source, "terminal_outcome", row.getString("terminal_outcome"), "succeeded");
        expect(problems, source, "output_state", row.getString("output_state"), "verified");
        String sid = row.getString("daliuge_session_id");
        expect(problems, source, "DIM session id embeds the execution uuid", sid != null && sid.contains(id.toString()), true);
        expect(problems, source, "create requests at the DIM for this execution", cluster.dlg().createRequestsFor(id), 1);

        JsonObject sourceRow = cluster.sourceRow(source);
        expect(problems, source, "source finalized: last_executed_discovery_signature = discovery_signature",
                sourceRow.getString("last_executed_discovery_signature"), sourceRow.getString("discovery_signature"));
        expect(problems, source, "source no longer pending", sourceRow.getBoolean("workflow_run_pending"), false);

        // artifacts: the ledger's digests, the staged manifest, and the API listing the same rows
        List<JsonObject> artifacts = cluster.artifacts(id);
        Map<String, JsonObject> byKind = artifacts.stream().collect(Collectors.toMap(a -> a.getString("kind"), a -> a, (a, b) -> a));
        for (String kind : List.of("manifest", "source_graph", "patched_graph", "physical_graph", "output_inventory")) {
            expect(problems, source, "has a " + kind + " artifact", byKind.containsKey(kind), true);
        }
        for (String kind : List.of("manifest", "source_graph", "patched_graph", "physical_graph")) {
            if (byKind.containsKey(kind)) {
                expect(problems, source, kind + "_sha256 on the row = the artifact's sha256", row.getString(kind + "_sha256"),
                        byKind.get(kind).getString("sha256"));
            }
        }
        if (byKind.containsKey("manifest")) {
            String manifest = ExecutionCluster.text(byKind.get("manifest").getValue("inline_json"));
            ArchiveTruth truth = ArchiveTruth.of(cluster.tap().archive(), source);
            expect(problems, source, "manifest datasets (" + WallabyArchive.BEAMS + " beams x SBIDs " + truth.sbids() + ")",
                    datasets(byKind.get("manifest").getJsonObject("inline_json")), WallabyArchive.BEAMS * truth.sbids().size());
            expect(problems, source, "manifest records carry the staged URLs of the simulated CASDA download server",
                    manifest.contains(cluster.tap().baseUri() + "/casda/download/"), true);
        }
        JsonArray apiArtifacts = new JsonArray(api.get("/executions/" + id + "/artifacts"));
        expect(problems, source, "artifact uuids over the API", uuids(apiArtifacts, "uuid"),
                artifacts.stream().map(a -> a.getString("uuid")).collect(Collectors.toCollection(TreeSet::new)));

        // events: the lifecycle, each terminal event once, the API listing the same rows
        List<String> types = cluster.eventTypes(id);
        for (String type : List.of("execution.created", "execution.automated_admitted", "execution.outputs_verified", "execution.completed")) {
            expect(problems, source, "'" + type + "' events (once) in " + types, cluster.events(id, type), 1L);
        }
        expect(problems, source, "no failure/cancel events in " + types,
                types.stream().anyMatch(t -> t.equals("execution.failed") || t.equals("execution.cancelled")), false);
        JsonArray apiEvents = new JsonArray(api.get("/executions/" + id + "/events"));
        Set<String> dbEventIds = new TreeSet<>(cluster.db().sql().list("SELECT id::text FROM provenance_events WHERE execution_id = $1",
                r -> r.getString(0), id));
        expect(problems, source, "event ids over the API", uuids(apiEvents, "id"), dbEventIds);

        JsonObject read = new JsonObject(api.get("/executions/" + id));
        expect(problems, source, "GET /executions/{id} status", read.getString("status"), "completed");
        expect(problems, source, "GET /executions/{id} daliuge_session_id", read.getString("daliuge_session_id"), sid);
        JsonArray observations = new JsonArray(api.get("/executions/" + id + "/observations"));
        expect(problems, source, "DIM session observations over the API", observations.stream()
                .anyMatch(o -> "daliuge_session".equals(((JsonObject) o).getString("kind"))), true);
    }

    /** Datasets across the manifest's sources and SBIDs. */
    static int datasets(JsonObject manifest) {
        int n = 0;
        for (Object source : manifest.getJsonArray("sources", new JsonArray())) {
            for (Object sbid : ((JsonObject) source).getJsonArray("sbids", new JsonArray())) {
                n += ((JsonObject) sbid).getJsonArray("datasets", new JsonArray()).size();
            }
        }
        return n;
    }

    static Set<String> uuids(JsonArray rows, String field) {
        return rows.stream().map(r -> ((JsonObject) r).getString(field)).collect(Collectors.toCollection(TreeSet::new));
    }

    static Map<String, Integer> delta(Map<String, Integer> now, Map<String, Integer> before) {
        Map<String, Integer> out = new LinkedHashMap<>();
        now.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0)));
        return out;
    }

    static void expect(List<String> problems, String source, String what, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            problems.add(source + ": expected " + what + " = " + expected + ", was " + actual);
        }
    }
}
