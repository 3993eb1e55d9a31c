package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.systemtests.ServiceProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 acceptance 4, on one database and simulator, in three phases:
 * <ol>
 *   <li>30 % of TAP requests answer 503 (seeded) and one source's queries answer QUERY_STATUS=ERROR: every
 *       other source is discovered eventually; the failing one has {@code last_attempted_at}, a
 *       {@code discovery.error} event and {@code discovery_failures}, is not retried inside its back-off
 *       (min(60 s·2^(n−1), 1 h)) and is retried once it has passed ({@code last_attempted_at} moved back by SQL);</li>
 *   <li>a claim lost mid-batch writes nothing: worker A is SIGSTOPped inside a slow batch, the batch's source
 *       claim is expired by SQL, worker B rediscovers the sources under a new token; after SIGCONT, A finishes
 *       its batch but none of its results is written;</li>
 *   <li>worker B is SIGKILLed mid-batch: worker C recovers the job after the lease expires and the sources end
 *       up discovered.</li>
 * </ol>
 */
class DiscoveryFaultsIT {

    @Test
    void faultsLostClaimsAndCrashesLeaveOnlyCorrectResults() {
        List<String> names = HipassNames.of(60, 44);
        try (TapSimulator sim = TapSimulator.start(0);
             DiscoveryCluster cluster = DiscoveryCluster.create("faults", sim)) {
            List<String> data = names.stream().filter(s -> ArchiveTruth.of(sim.archive(), s).kind() == ArchiveTruth.Kind.DATA).toList();
            List<String> sources = data.subList(0, 24);
            List<String> stopSet = data.subList(24, 27);
            List<String> killSet = data.subList(27, 30);
            String broken = sources.get(5);
            cluster.activate(WallabyConfigVariant.reference().set("automation.discovery", "batch_size", "5").writeTo(cluster.logs()));

            // ---- phase 1: 503s and one QUERY_STATUS=ERROR source
            sim.casda().faults().failFraction(0.3, 503, 42).errorFor(broken);
            sim.vizier().faults().failFraction(0.3, 503, 43);
            cluster.register(sources);
            cluster.startScheduler();
            // A keeps a long lease so nobody recovers its job while it is stopped in phase 2
            ServiceProcess workerA = cluster.startWorker("worker-a", Map.of("BEAMPIPE_WORKER_LOCK_SECONDS", "60",
                    "BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY", "1"));
            UUID a = cluster.workerId(workerA);
            List<String> others = sources.stream().filter(s -> !s.equals(broken)).toList();
            cluster.awaitTrue(Duration.ofSeconds(120), () -> {
                // transient failures back off for a minute; move them back so the test sees "eventually" now
                cluster.db().sql().update("UPDATE source_registry SET last_attempted_at = now() - interval '2 hours' "
                        + "WHERE last_checked_at IS NULL AND last_attempted_at > now() - interval '1 hour' AND source_identifier <> $1", broken);
                return uncheckedCount(cluster, others) == 0;
            }, () -> uncheckedCount(cluster, others) + " sources not yet discovered under 503s");
            assertThat(sim.casda().requests() + sim.vizier().requests()).as("requests made under faults").isGreaterThan(0);
            sim.casda().faults().failFraction(0, 503, 0);
            sim.vizier().faults().failFraction(0, 503, 0);

            cluster.awaitTrue(Duration.ofSeconds(30), () -> !cluster.events(broken, "discovery.error").isEmpty(), () -> "discovery.error of " + broken);
            assertThat(cluster.signatures().get(broken)).isEqualTo("<null>");
            assertThat(lastChecked(cluster, broken)).isNull();
            assertThat(lastAttempted(cluster, broken)).isNotNull();
            JsonObject error = new JsonObject(cluster.events(broken, "discovery.error").get(0));
            assertThat(error.getString("error")).isNotBlank();
            assertThat(error.getString("claim_token")).isNotBlank();

            // back-off: not retried inside min(60 s * 2^(n-1), 1 h), retried after it
            cluster.awaitTrue(Duration.ofSeconds(20), () -> cluster.db().sql().count("SELECT count(*) FROM source_registry "
                    + "WHERE source_identifier = $1 AND discovery_claim_token IS NULL", broken) == 1, () -> broken + " released");
            int failures = failures(cluster, broken);
            assertThat(failures).isGreaterThanOrEqualTo(1);
            long backoff = Math.min(60L << (failures - 1), 3600);
            backdate(cluster, broken, backoff - 20);
            int queried = sim.casda().count("ivoa.obscore", broken);
            DiscoveryStalenessIT.sleep(Duration.ofSeconds(4));
            assertThat(sim.casda().count("ivoa.obscore", broken)).as("inside the back-off of " + backoff + " s").isEqualTo(queried);
            assertThat(failures(cluster, broken)).isEqualTo(failures);
            backdate(cluster, broken, backoff + 5);
            cluster.awaitTrue(Duration.ofSeconds(20), () -> failures(cluster, broken) == failures + 1, () -> broken + " retried after its back-off");
            assertThat(sim.casda().count("ivoa.obscore", broken)).isEqualTo(queried + 1);
            assertThat(cluster.events(broken, "discovery.error")).hasSizeGreaterThanOrEqualTo(2);
            // the next back-off doubled: the old one is no longer enough
            cluster.awaitTrue(Duration.ofSeconds(20), () -> cluster.db().sql().count("SELECT count(*) FROM source_registry "
                    + "WHERE source_identifier = $1 AND discovery_claim_token IS NULL", broken) == 1, () -> broken + " released");
            backdate(cluster, broken, backoff + 5);
            DiscoveryStalenessIT.sleep(Duration.ofSeconds(4));
            assertThat(failures(cluster, broken)).as("a doubled back-off of " + 2 * backoff + " s").isEqualTo(failures + 1);
            sim.casda().faults().reset();
            // keep the broken source out of the next phases' batches (its back-off restarts now)
            cluster.db().sql().update("UPDATE source_registry SET last_attempted_at = now() WHERE source_identifier = $1", broken);

            // ---- phase 2: a claim lost while worker A is frozen inside a slow batch writes nothing
            sim.casda().faults().delay(2000);
            cluster.register(stopSet);
            UUID stoppedJob = awaitBatchRunningOn(cluster, a, stopSet.get(0));
            cluster.awaitTrue(Duration.ofSeconds(20), () -> sim.casda().count("ivoa.obscore", stopSet.get(0)) >= 1,
                    () -> "worker A inside its batch");
            workerA.sigstop();
            String oldToken = cluster.db().sql().first("SELECT payload->>'claim_token' FROM jobs WHERE uuid = $1",
                    r -> r.getString(0), stoppedJob).orElseThrow();
            sim.casda().faults().delay(0);
            ServiceProcess workerB = cluster.startWorker("worker-b");
            UUID b = cluster.workerId(workerB);
            assertThat(cluster.db().sql().update("UPDATE source_registry SET discovery_claim_expires_at = now() "
                    + "WHERE discovery_claim_token = $1", oldToken)).isEqualTo(stopSet.size());
            cluster.awaitTrue(Duration.ofSeconds(30), () -> uncheckedCount(cluster, stopSet) == 0
                    && claimed(cluster, stopSet) == 0, () -> "stop set rediscovered by worker B");
            String newToken = cluster.db().sql().first("SELECT payload->>'claim_token' FROM jobs WHERE kind = 'discover_batch' "
                    + "AND payload->'source_identifiers' ? $1 AND uuid <> $2", r -> r.getString(0), stopSet.get(0), stoppedJob).orElseThrow();
            assertThat(newToken).isNotEqualTo(oldToken);
            Map<String, String> rediscovered = cluster.signatures();
            Map<String, OffsetDateTime> checkedByB = checkedAt(cluster, stopSet);

            workerA.sigcont();
            cluster.awaitTrue(Duration.ofSeconds(40), () -> cluster.db().sql().count("SELECT count(*) FROM job_claim_history WHERE job_id = $1 "
                    + "AND worker_id = $2 AND event <> 'claimed'", stoppedJob, a) >= 1, () -> "worker A finished its stale batch");
            for (String s : stopSet) {
                assertThat(cluster.signatures().get(s)).as(s).isEqualTo(rediscovered.get(s)).hasSize(64);
                assertThat(cluster.db().sql().count("SELECT count(*) FROM provenance_events WHERE source_identifier = $1 "
                        + "AND event_type LIKE 'discovery.%' AND (correlation_id = $2 OR payload->>'claim_token' = $2)", s, oldToken))
                        .as("events of the lost claim for " + s).isZero();
                assertThat(cluster.db().sql().count("SELECT count(*) FROM provenance_events WHERE source_identifier = $1 "
                        + "AND event_type = 'discovery.changed' AND correlation_id = $2", s, newToken)).isEqualTo(1);
                assertThat(cluster.db().sql().count("SELECT count(*) FROM archive_metadata WHERE source_identifier = $1 "
                        + "AND updated_at IS NOT NULL", s)).as("rows rewritten after B for " + s).isZero();
            }
            assertThat(checkedAt(cluster, stopSet)).isEqualTo(checkedByB);
            workerA.close();

            // ---- phase 3: SIGKILL worker B mid-batch; worker C recovers the job after the lease expires
            sim.casda().faults().delay(3000);
            cluster.register(killSet);
            UUID killedJob = awaitBatchRunningOn(cluster, b, killSet.get(0));
            cluster.awaitTrue(Duration.ofSeconds(20), () -> sim.casda().count("ivoa.obscore", killSet.get(0)) >= 1,
                    () -> "worker B inside its batch");
            workerB.sigkill();
            sim.casda().faults().delay(0);
            UUID c = cluster.workerId(cluster.startWorker("worker-c"));
            // the batch's results become visible before its job's completion is recorded: wait for both
            cluster.awaitTrue(Duration.ofSeconds(60), () -> uncheckedCount(cluster, killSet) == 0 && claimed(cluster, killSet) == 0
                    && cluster.db().sql().count("SELECT count(*) FROM job_claim_history WHERE job_id = $1 AND event = 'completed'",
                    killedJob) >= 1, () -> "kill set discovered after recovery and its batch job completed");
            List<String> history = cluster.db().sql().list("SELECT event || ':' || coalesce(worker_id::text, '-') FROM job_claim_history "
                    + "WHERE job_id = $1 ORDER BY occurred_at, uuid", r -> r.getString(0), killedJob);
            // C takes the expired lease directly (recovered), or after the lease-recovery tick requeued it
            assertThat(history).as("claim history of the killed batch").first().isEqualTo("claimed:" + b);
            assertThat(history).last().isEqualTo("completed:" + c);
            assertThat(history).filteredOn(e -> e.startsWith("completed:")).hasSize(1);
            assertThat(history).anyMatch(e -> e.equals("recovered:" + c) || e.startsWith("requeued:"));
            for (String s : killSet) {
                assertThat(cluster.archiveRows().get(s).keySet()).as(s).containsExactlyElementsOf(ArchiveTruth.of(sim.archive(), s).sbids());
                assertThat(cluster.signatures().get(s)).hasSize(64);
            }
        }
    }

    private static UUID awaitBatchRunningOn(DiscoveryCluster cluster, UUID worker, String source) {
        cluster.awaitTrue(Duration.ofSeconds(30), () -> batchOf(cluster, worker, source) != null, () -> "batch of " + source + " running on " + worker);
        return batchOf(cluster, worker, source);
    }

    private static UUID batchOf(DiscoveryCluster cluster, UUID worker, String source) {
        return cluster.db().sql().first("SELECT uuid FROM jobs WHERE kind = 'discover_batch' AND status = 'running' "
                + "AND lease_owner = $1 AND payload->'source_identifiers' ? $2", r -> r.getUUID(0), worker, source).orElse(null);
    }

    private static long uncheckedCount(DiscoveryCluster cluster, List<String> sources) {
        return cluster.db().sql().count("SELECT count(*) FROM source_registry WHERE source_identifier = ANY($1) AND last_checked_at IS NULL",
                (Object) sources.toArray(String[]::new));
    }

    private static long claimed(DiscoveryCluster cluster, List<String> sources) {
        return cluster.db().sql().count("SELECT count(*) FROM source_registry WHERE source_identifier = ANY($1) "
                + "AND discovery_claim_token IS NOT NULL", (Object) sources.toArray(String[]::new));
    }

    private static Map<String, OffsetDateTime> checkedAt(DiscoveryCluster cluster, List<String> sources) {
        Map<String, OffsetDateTime> out = new java.util.TreeMap<>();
        cluster.db().sql().list("SELECT source_identifier, last_checked_at FROM source_registry WHERE source_identifier = ANY($1)",
                r -> out.put(r.getString(0), r.getOffsetDateTime(1)), (Object) sources.toArray(String[]::new));
        return out;
    }

    private static OffsetDateTime lastChecked(DiscoveryCluster cluster, String source) {
        return cluster.db().sql().first("SELECT last_checked_at FROM source_registry WHERE source_identifier = $1",
                r -> r.getOffsetDateTime(0), source).orElse(null);
    }

    private static OffsetDateTime lastAttempted(DiscoveryCluster cluster, String source) {
        return cluster.db().sql().first("SELECT last_attempted_at FROM source_registry WHERE source_identifier = $1",
                r -> r.getOffsetDateTime(0), source).orElse(null);
    }

    private static int failures(DiscoveryCluster cluster, String source) {
        return cluster.db().sql().first("SELECT discovery_failures FROM source_registry WHERE source_identifier = $1",
                r -> r.getInteger(0), source).orElseThrow();
    }

    private static void backdate(DiscoveryCluster cluster, String source, long seconds) {
        cluster.db().sql().update("UPDATE source_registry SET last_attempted_at = now() - make_interval(secs => $2) "
                + "WHERE source_identifier = $1", source, (double) seconds);
    }
}
