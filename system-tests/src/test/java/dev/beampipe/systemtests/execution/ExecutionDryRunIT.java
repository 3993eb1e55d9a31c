package dev.beampipe.systemtests.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.systemtests.OperatorApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.beampipe.systemtests.execution.ExecutionEndToEndIT.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 acceptance 2: the acceptance-1 flow with {@code BEAMPIPE_USE_REAL_BACKENDS=false} in every process.
 * Discovery still reads the TAP simulator (it is not an execution backend), but no request reaches the CASDA login,
 * DataLink or SODA staging service, the Translator Manager or the DIM (their counters stay 0), and each execution
 * ends {@code completed} (after the trusted publisher) with {@code dry_run_request} artifacts that name exactly the
 * calls that would have been sent: the DataLink URL of every selected dataset, the TM's unroll_and_partition with the
 * patched graph as {@code lg_content} and its map, the DIM create / append / deploy and status URLs of the
 * execution's deterministic session.
 */
class ExecutionDryRunIT {
    static final int SOURCES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDryRunTouchesNoBackendAndRecordsWhatWouldHaveBeenSent() {
        try (ExecutionCluster cluster = ExecutionCluster.create("execution-dry-run", false, 100)) {
            cluster.configure(SOURCES, true, Map.of());
            List<String> sources = cluster.executableSources(SOURCES, 11);
            cluster.register(sources);
            cluster.startScheduler();
            cluster.startWorker("worker-1");
            OperatorApi api = OperatorApi.start(cluster);

            Map<String, UUID> executions = new LinkedHashMap<>();
            for (String source : sources) {
                executions.put(source, cluster.awaitExecution(source, Duration.ofSeconds(90)));
            }
            for (UUID id : executions.values()) {
                cluster.awaitRow(id, Duration.ofSeconds(90), "finishes its dry run (terminal, or at the output verification gate)",
                        ExecutionCluster::finishedRunning);
            }
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, UUID> e : executions.entrySet()) {
                JsonObject row = cluster.row(e.getValue());
                expect(problems, e.getKey(), "status at the gate (row " + ExecutionCluster.summary(row) + ")", row.getString("status"), "running");
                expect(problems, e.getKey(), "control_phase at the gate", row.getString("control_phase"), "output_verification");
                OperatorApi.Reply reply = TrustedPublisher.verify(api, e.getValue(), e.getKey());
                expect(problems, e.getKey(), "outputs/verify status (" + reply.body() + ")", reply.status(), 200);
                expect(problems, e.getKey(), "status after verification", cluster.row(e.getValue()).getString("status"), "completed");
                expect(problems, e.getKey(), "'execution.completed' events", cluster.events(e.getValue(), "execution.completed"), 1L);
                checkDryRunArtifacts(cluster, api, e.getKey(), e.getValue(), problems);
            }
            assertThat(problems).as("dry-run executions and what their artifacts say would have been sent").isEmpty();

            assertThat(cluster.dlg().tmCounts()).as("requests at the DALiuGE Translator Manager simulator").isEmpty();
            assertThat(cluster.dlg().dimCounts()).as("requests at the DALiuGE DIM simulator").isEmpty();
            assertThat(cluster.dlg().createRequests()).as("DIM sessions requested").isEmpty();
            assertThat(cluster.tap().staging().counts().values().stream().mapToInt(Integer::intValue).sum())
                    .as("requests at the SODA staging / download simulator " + cluster.tap().staging().counts()).isZero();
            assertThat(cluster.tap().casdaAuth().logins() + cluster.tap().casdaAuth().rejected())
                    .as("CASDA VO-proxy login probes").isZero();
            List<String> touchedDataLinks = dataLinkIds(cluster, sources).stream()
                    .filter(id -> cluster.tap().casda().dataLinkCount(id) > 0).toList();
            assertThat(touchedDataLinks).as("DataLink ids fetched during a dry run").isEmpty();
        }
    }

    private static void checkDryRunArtifacts(ExecutionCluster cluster, OperatorApi api, String source, UUID id, List<String> problems) {
        JsonObject row = cluster.row(id);
        String sid = row.getString("daliuge_session_id");
        expect(problems, source, "a deterministic DIM session id naming the execution", sid != null && sid.contains(id.toString()), true);
        List<JsonObject> artifacts = cluster.artifacts(id);
        List<JsonObject> dryRuns = artifacts.stream().filter(a -> "dry_run_request".equals(a.getString("kind")))
                .map(a -> a.getJsonObject("inline_json")).toList();
        String all = dryRuns.stream().map(JsonObject::encode).collect(Collectors.joining("\n"));
        String tm = cluster.dlg().tmBase().toString();
        String dim = cluster.dlg().dimBase().toString();
        List<String> expectedUrls = new ArrayList<>(List.of(tm + "/unroll_and_partition", tm + "/map", dim + "/api/sessions",
                dim + "/api/sessions/" + sid + "/graph/append", dim + "/api/sessions/" + sid + "/deploy",
                dim + "/api/sessions/" + sid + "/status"));
        expectedUrls.addAll(accessUrls(cluster, source));
        List<String> missing = expectedUrls.stream().filter(u -> !all.contains("\"" + u + "\"")).toList();
        expect(problems, source, "dry_run_request artifacts naming every call (" + dryRuns.size() + " artifacts) — missing", missing, List.of());
        expect(problems, source, "dry_run_request artifacts sent = false",
                dryRuns.stream().allMatch(r -> Boolean.FALSE.equals(r.getValue("sent")) || !r.containsKey("sent")), true);

        Optional<JsonObject> patched = artifacts.stream().filter(a -> "patched_graph".equals(a.getString("kind"))).findFirst();
        Optional<String> lgContent = dryRuns.stream().filter(r -> String.valueOf(r.getString("url")).endsWith("/unroll_and_partition"))
                .flatMap(r -> r.getJsonArray("form", new JsonArray()).stream()).map(f -> (JsonObject) f)
                .filter(f -> "lg_content".equals(f.getString("name"))).map(f -> f.getString("value")).findFirst();
        expect(problems, source, "a patched_graph artifact", patched.isPresent(), true);
        expect(problems, source, "the recorded unroll_and_partition form has lg_content", lgContent.isPresent(), true);
        if (patched.isPresent() && lgContent.isPresent()) {
            expect(problems, source, "lg_content that would have been sent = the patched_graph artifact",
                    canonical(lgContent.get()), canonical(patched.get().getJsonObject("inline_json").encode()));
        }
        JsonArray overApi = new JsonArray(api.get("/executions/" + id + "/artifacts"));
        expect(problems, source, "dry_run_request artifacts over the API",
                overApi.stream().filter(a -> "dry_run_request".equals(((JsonObject) a).getString("kind"))).count(), (long) dryRuns.size());
    }

    /** The DataLink URL of every dataset discovery stored for the source (what staging would have fetched). */
    private static List<String> accessUrls(ExecutionCluster cluster, String source) {
        return cluster.db().sql().list("SELECT DISTINCT d->>'access_url' FROM archive_metadata m, "
                        + "jsonb_array_elements(m.metadata_json->'datasets') d WHERE m.project_module = $1 AND m.source_identifier = $2",
                r -> r.getString(0), ExecutionCluster.MODULE, source);
    }

    private static List<String> dataLinkIds(ExecutionCluster cluster, List<String> sources) {
        List<String> ids = new ArrayList<>();
        for (String s : sources) {
            for (String url : accessUrls(cluster, s)) {
                ids.add(url.substring(url.indexOf("ID=") + 3));
            }
        }
        return ids;
    }

    private static String canonical(String json) {
        try {
            return StableJson.write(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
