package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 acceptance 2: a second discovery over unchanged archive data (staleness forced by SQL) re-queries
 * TAP for every source but changes no signature and sets no pending flag; after {@code archive().addSbid} for
 * ONE source, the next discovery changes only that source's signature and only it becomes pending.
 */
@ExtendWith(SharedDiscoveryStage.class)
class DiscoveryStabilityIT {

    @Test
    void unchangedDataChangesNothingAndOneChangedSourceIsTheOnlyOnePending(SharedDiscoveryStage.Stage stage) {
        TapSimulator sim = stage.sim();
        DiscoveryCluster cluster = stage.cluster();
        List<String> all = HipassNames.of(30, 22);
        {
            List<String> sources = all.stream().filter(s -> ArchiveTruth.of(sim.archive(), s).kind() != ArchiveTruth.Kind.NO_CALIBRATION).toList();
            cluster.register(sources);
            cluster.awaitSettled(sources, Duration.ofSeconds(90));
            Map<String, String> before = cluster.signatures(sources);
            assertThat(before.values()).doesNotContain("<null>");

            // clear the pending flags so a new one would show, then make everything stale
            cluster.db().sql().update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL "
                    + "WHERE source_identifier = ANY($1)", (Object) sources.toArray(String[]::new));
            Map<String, Integer> queried = obscoreCounts(sim, sources);
            rediscover(cluster, sources);

            assertThat(obscoreCounts(sim, sources)).as("every stale source was re-queried from TAP (decision 2)")
                    .allSatisfy((source, n) -> assertThat(n).as(source).isEqualTo(queried.get(source) + 1));
            assertThat(cluster.signatures(sources)).as("signatures after an unchanged rediscovery").isEqualTo(before);
            assertThat(pending(cluster, sources)).as("pending after an unchanged rediscovery").isEmpty();
            String withData = sources.stream().filter(s -> ArchiveTruth.of(sim.archive(), s).kind() == ArchiveTruth.Kind.DATA)
                    .findFirst().orElseThrow();
            assertThat(cluster.events(withData, "discovery.unchanged")).hasSize(1);

            // data changed for exactly one source (its new SBID must have a calibration archive)
            String changed = null;
            for (String candidate : sources) {
                if (ArchiveTruth.of(sim.archive(), candidate).kind() != ArchiveTruth.Kind.DATA) {
                    continue;
                }
                int sbid = sim.archive().addSbid(candidate);
                if (sbid % 10 != 7) {
                    changed = candidate;
                    break;
                }
                sim.archive().reset();
            }
            assertThat(changed).isNotNull();
            ArchiveTruth truth = ArchiveTruth.of(sim.archive(), changed);
            rediscover(cluster, sources);

            Map<String, String> after = cluster.signatures(sources);
            Map<String, String> expected = new HashMap<>(before);
            expected.remove(changed);
            assertThat(after).containsAllEntriesOf(expected);
            assertThat(after.get(changed)).isNotEqualTo(before.get(changed)).hasSize(64);
            assertThat(pending(cluster, sources)).containsExactly(changed);
            assertThat(cluster.archiveRows().get(changed).keySet()).containsExactlyElementsOf(truth.sbids());
            assertThat(cluster.events(changed, "discovery.changed")).hasSize(2);
        }
    }

    /** Forces every source stale and waits until each was checked again. */
    private static void rediscover(DiscoveryCluster cluster, List<String> sources) {
        Object ids = sources.toArray(String[]::new);
        cluster.db().sql().update("UPDATE source_registry SET last_checked_at = now() - interval '25 hours' "
                + "WHERE source_identifier = ANY($1)", ids);
        cluster.awaitTrue(Duration.ofSeconds(60), () -> cluster.db().sql().count("SELECT count(*) FROM source_registry "
                        + "WHERE source_identifier = ANY($1) AND (last_checked_at < now() - interval '1 hour' "
                        + "OR discovery_claim_token IS NOT NULL)", ids) == 0,
                () -> "every source checked again");
    }

    private static List<String> pending(DiscoveryCluster cluster, List<String> sources) {
        return cluster.db().sql().list("SELECT source_identifier FROM source_registry WHERE workflow_run_pending "
                + "AND source_identifier = ANY($1) ORDER BY 1", r -> r.getString(0), (Object) sources.toArray(String[]::new));
    }

    private static Map<String, Integer> obscoreCounts(TapSimulator sim, List<String> sources) {
        Map<String, Integer> out = new HashMap<>();
        sources.forEach(s -> out.put(s, sim.casda().count("ivoa.obscore", s)));
        return out;
    }
}
