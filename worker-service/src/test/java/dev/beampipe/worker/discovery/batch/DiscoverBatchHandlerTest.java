package dev.beampipe.worker.discovery.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.signature.DiscoverySignature;
import dev.beampipe.model.config.testing.ReferenceConfigs;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.ProjectDiscovery;
import dev.beampipe.model.discovery.persist.DiscoveryPersistence;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.settings.WorkerSettings;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.simulators.tap.WallabyArchive;
import dev.beampipe.worker.runtime.HandlerRegistry;
import dev.beampipe.worker.runtime.WorkerMetrics;
import dev.beampipe.worker.runtime.WorkerRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * discover_batch end to end inside one worker process: the reference WALLABY config, the TAP simulator over real
 * HTTP, PostgreSQL. What the simulator's archive says about each source decides what must be stored.
 */
class DiscoverBatchHandlerTest {
    static final String MODULE = "wallaby_hires";
    static final ObjectMapper JSON = new ObjectMapper();
    static TapSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = TapSimulator.start(0);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    static List<String> sources(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("HIPASSJ%02d%02d-%02d", 10 + i % 12, (i * 7) % 60, 10 + i));
        }
        return ids;
    }

    static void prepare(Database db, List<String> ids) throws Exception {
        ParseResult.Parsed parsed = (ParseResult.Parsed) ProjectConfigValidation.parse(ReferenceConfigs.wallaby());
        new ConfigRevisions(db).upload(MODULE, ModelTree.toJson(parsed.config()), "a".repeat(64), "system:test");
        for (String id : ids) {
            db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                    + "VALUES ($1, $2, $3, true)", Uuid7.next(), MODULE, id);
        }
    }

    static WorkerRuntime worker(Database db, SimpleMeterRegistry meters) {
        EnvValues env = new EnvValues(Map.of("BEAMPIPE_CASDA_TAP_URL", sim.casdaTapBase().toString(),
                "BEAMPIPE_VIZIER_TAP_URL", sim.vizierTapBase().toString()));
        WorkerSettings settings = new WorkerSettings("default", 2, 2, 30, 7, 200, WorkerSettings.DEFAULT_CAPABILITIES,
                Map.of(), Optional.empty());
        return new WorkerRuntime(db, settings, new HandlerRegistry().register(new DiscoverBatchHandler(
                new ConfigRevisions(db), new DiscoveryPersistence(db), 4, env, new DiscoveryMetrics(meters))),
                new WorkerMetrics(meters), Map.of());
    }

    /** Admits every source, runs the batches in one worker, returns identifier → signature. */
    static Map<String, String> discover(Database db, SimpleMeterRegistry meters) {
        new ProjectDiscovery(db).admitNow(MODULE, "default");
        try (WorkerRuntime w = worker(db, meters)) {
            w.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> db.sql().count("SELECT count(*) FROM jobs "
                    + "WHERE kind = 'discover_batch' AND status IN ('queued', 'running')") == 0);
        }
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch' AND status <> 'completed'"))
                .isZero();
        Map<String, String> signatures = new TreeMap<>();
        db.sql().list("SELECT source_identifier, coalesce(discovery_signature, '') FROM source_registry",
                r -> signatures.put(r.getString(0), r.getString(1)));
        return signatures;
    }

    static List<WallabyArchive.Epoch> latest(String id) {
        List<WallabyArchive.Epoch> epochs = sim.archive().epochs(id);
        double max = epochs.stream().mapToDouble(WallabyArchive.Epoch::tMax).max().orElse(Double.NaN);
        return epochs.stream().filter(e -> e.tMax() == max).toList();
    }

    @Test
    void everySourceEndsAsTheArchiveSaysAndTheRunIsRepeatable() throws Exception {
        List<String> ids = sources(40);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, String> first;
        try (TestDatabase t = TestDatabase.create()) {
            prepare(t.db(), ids);
            first = discover(t.db(), meters);
            int withData = 0;
            int failed = 0;
            int empty = 0;
            for (String id : ids) {
                List<WallabyArchive.Epoch> latest = latest(id);
                if (latest.isEmpty()) {
                    empty++;
                    assertThat(first.get(id)).as(id).isEqualTo(DiscoverySignature.NO_DATASETS_SIGNATURE);
                    assertThat(sbids(t.db(), id)).as(id).containsExactly("0");
                } else if (latest.stream().anyMatch(e -> e.sbid() % 10 == 7)) {
                    failed++;
                    assertThat(first.get(id)).as(id).isEmpty();
                    assertThat(t.db().sql().count("SELECT count(*) FROM source_registry WHERE source_identifier = $1 "
                            + "AND last_attempted_at IS NOT NULL AND last_checked_at IS NULL", id)).isEqualTo(1);
                    assertThat(events(t.db(), id, "discovery.error")).singleElement().asString()
                            .contains("has no valid calibration metadata archive");
                } else {
                    withData++;
                    assertThat(first.get(id)).as(id).hasSize(64);
                    assertThat(sbids(t.db(), id)).as(id).containsExactlyInAnyOrderElementsOf(
                            latest.stream().map(e -> String.valueOf(e.sbid())).toList());
                    for (String sbid : sbids(t.db(), id)) {
                        JsonNode payload = metadata(t.db(), id, sbid);
                        assertThat(payload.get("datasets")).hasSize(WallabyArchive.BEAMS);
                        JsonNode dataset = payload.get("datasets").get(0);
                        assertThat(dataset.get("sbid").asText()).isEqualTo(sbid);
                        // decision 2: excluded from the signature, kept for staging
                        assertThat(dataset.get("access_url").asText()).startsWith("http");
                        assertThat(dataset.get("evaluation_file").asText())
                                .startsWith("calibration-metadata-processing-logs-SB" + sbid + "_");
                        assertThat(payload.get("discovery_flags").get("ra_dec_vsys_complete").asBoolean())
                                .isEqualTo(sim.archive().inHicat(id));
                    }
                    assertThat(t.db().sql().count("SELECT count(*) FROM source_registry WHERE source_identifier = $1 "
                            + "AND workflow_run_pending AND discovery_claim_token IS NULL", id)).isEqualTo(1);
                    assertThat(events(t.db(), id, "discovery.changed")).hasSize(1);
                }
            }
            assertThat(withData).as("sources with data").isGreaterThan(10);
            assertThat(empty + failed).as("sources without data or failing").isGreaterThan(0);
            assertThat(meters.find("beampipe_discovery_sources").tag("outcome", "changed").counter().count())
                    .isEqualTo(withData);
            // every batch is counted once, by outcome: the batches holding a failing source are "partial"
            long batches = t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'discover_batch'");
            long partial = t.db().sql().count("SELECT count(*) FROM jobs j WHERE kind = 'discover_batch' AND EXISTS ("
                    + "SELECT 1 FROM provenance_events e WHERE e.event_type = 'discovery.error' "
                    + "AND e.correlation_id = j.payload->>'claim_token')");
            assertThat(partial).isPositive();
            assertThat(meters.find("beampipe_discovery_batches").tag("outcome", "partial").counter().count())
                    .isEqualTo(partial);
            assertThat(meters.find("beampipe_discovery_batches").tag("outcome", "ok").counter().count())
                    .isEqualTo(batches - partial);
        }
        try (TestDatabase t = TestDatabase.create()) {
            prepare(t.db(), ids);
            assertThat(discover(t.db(), new SimpleMeterRegistry())).isEqualTo(first);
        }
    }

    @Test
    void withNoActiveConfigEverySourceFailsVisiblyAndNothingIsStored() throws Exception {
        try (TestDatabase t = TestDatabase.create()) {
            for (String id : sources(3)) {
                t.db().sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) "
                        + "VALUES ($1, $2, $3, true)", Uuid7.next(), MODULE, id);
            }
            discover(t.db(), new SimpleMeterRegistry());
            assertThat(t.db().sql().count("SELECT count(*) FROM archive_metadata")).isZero();
            assertThat(t.db().sql().list("SELECT payload->>'error' FROM provenance_events WHERE event_type = 'discovery.error'",
                    r -> r.getString(0))).hasSize(3).allMatch(e -> e.equals("no active project config for project " + MODULE));
            assertThat(t.db().sql().count("SELECT count(*) FROM source_registry WHERE discovery_claim_token IS NULL "
                    + "AND last_attempted_at IS NOT NULL")).isEqualTo(3);
        }
    }

    static List<String> sbids(Database db, String id) {
        return db.sql().list("SELECT sbid FROM archive_metadata WHERE source_identifier = $1 ORDER BY sbid",
                r -> r.getString(0), id);
    }

    static JsonNode metadata(Database db, String id, String sbid) throws Exception {
        return JSON.readTree(db.sql().list("SELECT metadata_json::text FROM archive_metadata WHERE source_identifier = $1 "
                + "AND sbid = $2", r -> r.getString(0), id, sbid).get(0));
    }

    static List<String> events(Database db, String id, String type) {
        return db.sql().list("SELECT payload::text FROM provenance_events WHERE source_identifier = $1 AND event_type = $2",
                r -> r.getString(0), id, type).stream().collect(Collectors.toList());
    }
}
