package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.simulators.tap.WallabyArchive;
import dev.beampipe.systemtests.OperatorApi;
import dev.beampipe.systemtests.ServiceProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 acceptance 1: 200 registered HIPASS-like sources discovered end to end by one scheduler-service and
 * two worker-service processes against the TAP simulator and the reference WALLABY config (batch size 5):
 * every source with data has one archive_metadata row per latest SBID with its 36 datasets, flags and a
 * signature; no-data sources carry the '0' marker and the no-datasets signature; sources whose SBID has no
 * calibration archive failed with the spec's error; both workers took batches. A second database run through
 * the same steps gives the identical identifier → signature map.
 */
class DiscoveryEndToEndIT {
    static final int SOURCES = 200;

    @Test
    void twoHundredSourcesAreDiscoveredByTwoWorkersAndTheResultIsRepeatable() {
        List<String> sources = HipassNames.of(SOURCES, 5);
        try (TapSimulator sim = TapSimulator.start(0)) {
            Map<String, String> first;
            try (DiscoveryCluster cluster = DiscoveryCluster.create("end-to-end-a", sim)) {
                first = discover(cluster, sources);
                assertEveryOutcome(cluster, sim.archive(), sources);
                List<UUID> batchWorkers = cluster.db().sql().list("SELECT DISTINCT h.worker_id FROM job_claim_history h "
                        + "JOIN jobs j ON j.uuid = h.job_id WHERE j.kind = 'discover_batch' AND h.event = 'claimed'", r -> r.getUUID(0));
                assertThat(batchWorkers).as("workers that claimed discover_batch jobs").hasSize(2);
                assertThat(cluster.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch'"))
                        .as("batches of 5").isGreaterThanOrEqualTo(SOURCES / 5);
                assertWhatTheOperatorSees(cluster, sim.archive(), sources);
            }
            try (DiscoveryCluster cluster = DiscoveryCluster.create("end-to-end-b", sim)) {
                Map<String, String> second = discover(cluster, sources);
                assertThat(second).as("identifier -> signature of a second database").isEqualTo(first);
            }
        }
    }

    private static Map<String, String> discover(DiscoveryCluster cluster, List<String> sources) {
        Path config = WallabyConfigVariant.reference()
                .set("automation.discovery", Map.of("batch_size", "5", "tick_discovery_source_limit", "1000"))
                .writeTo(cluster.logs());
        cluster.activate(config);
        // registered disabled, enabled once both workers are up: neither can take every batch before the other starts
        cluster.register(sources, false);
        cluster.startScheduler();
        ServiceProcess first = cluster.startWorker("worker-1");
        ServiceProcess second = cluster.startWorker("worker-2");
        cluster.workerId(first);
        cluster.workerId(second);
        long started = System.nanoTime();
        cluster.enable(sources);
        cluster.awaitSettled(sources, Duration.ofSeconds(150));
        System.out.printf("discovery of %d sources by 2 workers: %d ms after enabling them%n", sources.size(),
                (System.nanoTime() - started) / 1_000_000);
        return cluster.signatures();
    }

    private static void assertEveryOutcome(DiscoveryCluster cluster, WallabyArchive archive, List<String> sources) {
        Map<String, String> signatures = cluster.signatures();
        Map<String, Map<String, JsonObject>> rows = cluster.archiveRows();
        Map<ArchiveTruth.Kind, Integer> kinds = new java.util.EnumMap<>(ArchiveTruth.Kind.class);
        List<String> problems = new ArrayList<>();
        for (String source : sources) {
            ArchiveTruth truth = ArchiveTruth.of(archive, source);
            kinds.merge(truth.kind(), 1, Integer::sum);
            Map<String, JsonObject> stored = rows.getOrDefault(source, Map.of());
            String signature = signatures.get(source);
            switch (truth.kind()) {
                case DATA -> {
                    if (!stored.keySet().equals(new java.util.TreeSet<>(truth.sbids()))) {
                        problems.add(source + ": sbids " + stored.keySet() + " expected " + truth.sbids());
                    }
                    for (Map.Entry<String, JsonObject> row : stored.entrySet()) {
                        JsonArray datasets = row.getValue().getJsonArray("datasets");
                        JsonObject flags = row.getValue().getJsonObject("discovery_flags");
                        if (datasets == null || datasets.size() != WallabyArchive.BEAMS) {
                            problems.add(source + "/" + row.getKey() + ": " + (datasets == null ? "no" : datasets.size()) + " datasets");
                        }
                        if (flags == null || !Boolean.valueOf(truth.inHicat()).equals(flags.getValue("ra_dec_vsys_complete"))) {
                            problems.add(source + "/" + row.getKey() + ": flags " + flags + " but in HICAT = " + truth.inHicat());
                        } else if (truth.inHicat() && (flags.getString("ra_string") == null || flags.getValue("vsys") == null)) {
                            problems.add(source + ": HICAT flags missing " + flags);
                        }
                        if (datasets != null && !datasets.isEmpty() && !row.getKey().equals(datasets.getJsonObject(0).getString("sbid"))) {
                            problems.add(source + "/" + row.getKey() + ": dataset sbid " + datasets.getJsonObject(0).getString("sbid"));
                        }
                    }
                    if (signature.length() != 64 || signature.equals(DiscoveryCluster.NO_DATASETS_SIGNATURE)) {
                        problems.add(source + ": signature " + signature);
                    }
                }
                case NO_DATA -> {
                    if (!stored.keySet().equals(java.util.Set.of("0"))
                            || !new JsonObject().put("datasets", new JsonArray()).put("discovery_status", "no_datasets").equals(stored.get("0"))) {
                        problems.add(source + ": no-data rows " + stored);
                    }
                    if (!DiscoveryCluster.NO_DATASETS_SIGNATURE.equals(signature)) {
                        problems.add(source + ": no-data signature " + signature);
                    }
                }
                case NO_CALIBRATION -> {
                    if (!stored.isEmpty() || !"<null>".equals(signature)) {
                        problems.add(source + ": uncalibrated source stored " + stored.keySet() + " / " + signature);
                    }
                    List<String> errors = cluster.events(source, "discovery.error");
                    if (errors.isEmpty() || !new JsonObject(errors.get(0)).getString("error", "").contains(truth.calibrationError())) {
                        problems.add(source + ": expected error '" + truth.calibrationError() + "', events " + errors);
                    }
                }
            }
        }
        assertThat(problems).as("per-source discovery outcomes").isEmpty();
        assertThat(kinds).as("the 200 names cover every kind").containsKeys(ArchiveTruth.Kind.values());
        // data sources became pending; no-data and failed ones did not
        long dataSources = kinds.get(ArchiveTruth.Kind.DATA);
        assertThat(cluster.db().sql().count("SELECT count(*) FROM source_registry WHERE workflow_run_pending")).isEqualTo(dataSources);
        assertThat(cluster.db().sql().count("SELECT count(*) FROM source_registry WHERE last_checked_at IS NULL AND last_attempted_at IS NOT NULL"))
                .isEqualTo((long) kinds.get(ArchiveTruth.Kind.NO_CALIBRATION));
        System.out.println("outcomes: " + kinds);
    }

    /** One source of each kind through the packaged api-service: status, metadata and events agree with the tables. */
    private static void assertWhatTheOperatorSees(DiscoveryCluster cluster, WallabyArchive archive, List<String> sources) {
        ArchiveTruth data = sources.stream().map(s -> ArchiveTruth.of(archive, s))
                .filter(t -> t.kind() == ArchiveTruth.Kind.DATA && t.inHicat()).findFirst().orElseThrow();
        ArchiveTruth noData = sources.stream().map(s -> ArchiveTruth.of(archive, s))
                .filter(t -> t.kind() == ArchiveTruth.Kind.NO_DATA).findFirst().orElseThrow();
        ArchiveTruth uncalibrated = sources.stream().map(s -> ArchiveTruth.of(archive, s))
                .filter(t -> t.kind() == ArchiveTruth.Kind.NO_CALIBRATION).findFirst().orElseThrow();
        try (OperatorApi api = OperatorApi.start(cluster)) {
            String id = sourceId(cluster, data.source());
            JsonObject status = new JsonObject(api.get("/sources/" + id + "/status"));
            assertThat(status.getString("discovery_signature")).isEqualTo(cluster.signatures().get(data.source()));
            assertThat(status.getBoolean("workflow_run_pending")).isTrue();
            assertThat(status.getBoolean("ready_for_execution")).as(status.encode()).isTrue();
            JsonObject metadata = new JsonObject(api.get("/sources/" + id + "/metadata"));
            assertThat(metadata.getInteger("metadata_count")).isEqualTo(data.sbids().size());
            assertThat(metadata.getJsonArray("metadata").stream().map(m -> ((JsonObject) m).getString("sbid")).sorted().toList())
                    .isEqualTo(data.sbids());
            assertThat(eventTypes(api, id)).contains("discovery.changed");

            JsonObject empty = new JsonObject(api.get("/sources/" + sourceId(cluster, noData.source()) + "/metadata"));
            assertThat(empty.getJsonArray("metadata")).hasSize(1);
            assertThat(empty.getJsonArray("metadata").getJsonObject(0).getString("sbid")).isEqualTo("0");

            String failedId = sourceId(cluster, uncalibrated.source());
            JsonObject failed = new JsonObject(api.get("/sources/" + failedId + "/status"));
            assertThat(failed.getBoolean("ready_for_execution")).isFalse();
            assertThat(failed.getString("discovery_signature")).isNull();
            JsonArray events = new JsonArray(api.get("/sources/" + failedId + "/events"));
            assertThat(events.stream().map(e -> (JsonObject) e).filter(e -> "discovery.error".equals(e.getString("event_type")))
                    .map(e -> e.getJsonObject("payload").getString("error"))).anyMatch(e -> e.contains(uncalibrated.calibrationError()));
        }
    }

    private static List<String> eventTypes(OperatorApi api, String id) {
        return new JsonArray(api.get("/sources/" + id + "/events")).stream().map(e -> ((JsonObject) e).getString("event_type")).toList();
    }

    private static String sourceId(DiscoveryCluster cluster, String source) {
        return cluster.db().sql().first("SELECT uuid::text FROM source_registry WHERE project_module = $1 AND source_identifier = $2",
                r -> r.getString(0), DiscoveryCluster.MODULE, source).orElseThrow();
    }
}
