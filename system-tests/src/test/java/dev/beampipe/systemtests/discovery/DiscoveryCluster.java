package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.systemtests.ServiceCluster;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ServiceCluster} whose scheduler-service and worker-service processes are pointed at a TAP simulator:
 * the multi-process stage every discovery acceptance test runs on, with the discovery-specific reads.
 */
public final class DiscoveryCluster extends ServiceCluster {
    public static final String MODULE = ServiceCluster.MODULE;
    public static final String NO_DATASETS_SIGNATURE = "f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f";
    static final String POOL = "discovery";

    private final TapSimulator sim;

    private DiscoveryCluster(String name, TapSimulator sim) {
        super(name);
        this.sim = sim;
        Map.of(
                "BEAMPIPE_CASDA_TAP_URL", sim.casdaTapBase().toString(),
                "BEAMPIPE_VIZIER_TAP_URL", sim.vizierTapBase().toString(),
                "BEAMPIPE_SCHEDULER_INTERVAL_SECONDS", "1",
                "BEAMPIPE_WORKER_POOL", POOL,
                "BEAMPIPE_WORKER_LOCK_SECONDS", "6",
                "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "1",
                "BEAMPIPE_WORKER_POLL_INTERVAL_MS", "200",
                "BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY", "4").forEach(this::env);
    }

    public static DiscoveryCluster create(String name, TapSimulator sim) {
        return new DiscoveryCluster(name, sim);
    }

    public TapSimulator sim() {
        return sim;
    }

    /** Environment for every process started after this call. */
    @Override
    public DiscoveryCluster env(String key, String value) {
        super.env(key, value);
        return this;
    }

    /**
     * Waits until every source was checked or has a {@code discovery.error}/{@code discovery.timeout} event and
     * has no discovery claim left.
     */
    public void awaitSettled(Collection<String> sources, Duration timeout) {
        String[] ids = sources.toArray(String[]::new);
        awaitTrue(timeout, () -> unsettled(ids) == 0, () -> unsettled(ids) + " of " + ids.length + " sources unsettled");
    }

    private long unsettled(String[] ids) {
        return db().sql().count("SELECT count(*) FROM source_registry s WHERE s.project_module = $1 "
                + "AND s.source_identifier = ANY($2) AND (s.discovery_claim_token IS NOT NULL OR (s.last_checked_at IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM provenance_events e WHERE e.project_module = s.project_module "
                + "AND e.source_identifier = s.source_identifier AND e.event_type IN ('discovery.error', 'discovery.timeout'))))",
                MODULE, ids);
    }

    /** identifier → stored discovery signature ({@code "<null>"} when none), sorted by identifier. */
    public Map<String, String> signatures() {
        Map<String, String> out = new TreeMap<>();
        db().sql().list("SELECT source_identifier, discovery_signature FROM source_registry WHERE project_module = $1",
                r -> out.put(r.getString(0), r.getString(1) == null ? "<null>" : r.getString(1)), MODULE);
        return out;
    }

    /** The same, restricted to {@code sources}. */
    public Map<String, String> signatures(Collection<String> sources) {
        Map<String, String> out = new TreeMap<>(signatures());
        out.keySet().retainAll(new java.util.HashSet<>(sources));
        return out;
    }

    /** source → (sbid → metadata_json) of every archive_metadata row, sorted. */
    public Map<String, Map<String, JsonObject>> archiveRows() {
        Map<String, Map<String, JsonObject>> out = new TreeMap<>();
        db().sql().list("SELECT source_identifier, sbid, metadata_json FROM archive_metadata WHERE project_module = $1",
                r -> out.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), (JsonObject) r.getValue(2)), MODULE);
        return out;
    }

    public List<String> events(String source, String type) {
        return db().sql().list("SELECT payload::text FROM provenance_events WHERE project_module = $1 AND source_identifier = $2 "
                + "AND event_type = $3 ORDER BY occurred_at, id", r -> r.getString(0), MODULE, source, type);
    }
}
