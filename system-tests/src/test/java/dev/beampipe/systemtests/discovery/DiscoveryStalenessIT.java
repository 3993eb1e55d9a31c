package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 acceptance 3: a source checked 1 h ago is not re-queried; one checked 25 h ago is (project default
 * {@code stale_after_hours: 24}); a per-source {@code stale_after_hours = 1} overrides the default (decision 2).
 * Proven with the simulator's per-source call counts of both TAP services.
 */
@ExtendWith(SharedDiscoveryStage.class)
class DiscoveryStalenessIT {

    @Test
    void onlyStaleSourcesAreQueriedAgain(SharedDiscoveryStage.Stage stage) {
        TapSimulator sim = stage.sim();
        DiscoveryCluster cluster = stage.cluster();
        {
            List<String> sources = HipassNames.of(12, 33).stream()
                    .filter(s -> ArchiveTruth.of(sim.archive(), s).kind() == ArchiveTruth.Kind.DATA).limit(3).toList();
            String fresh = sources.get(0);
            String stale = sources.get(1);
            String ownStaleness = sources.get(2);
            cluster.register(sources);
            cluster.awaitSettled(sources, Duration.ofSeconds(60));
            for (String s : sources) {
                assertThat(sim.casda().count("ivoa.obscore", s)).as("first discovery of " + s).isEqualTo(1);
            }

            cluster.db().sql().update("UPDATE source_registry SET last_checked_at = now() - interval '1 hour' WHERE source_identifier = $1", fresh);
            cluster.db().sql().update("UPDATE source_registry SET last_checked_at = now() - interval '25 hours' WHERE source_identifier = $1", stale);
            cluster.db().sql().update("UPDATE source_registry SET last_checked_at = now() - interval '90 minutes', stale_after_hours = 1 "
                    + "WHERE source_identifier = $1", ownStaleness);
            cluster.awaitTrue(Duration.ofSeconds(30), () -> cluster.db().sql().count("SELECT count(*) FROM source_registry "
                    + "WHERE source_identifier = ANY($1) AND last_checked_at > now() - interval '1 minute'",
                    (Object) new String[] {stale, ownStaleness}) == 2, () -> "stale sources checked again");
            // a few more scheduler ticks (1 s) in which the fresh source must stay untouched
            sleep(Duration.ofSeconds(4));

            assertThat(sim.casda().count("ivoa.obscore", fresh)).as("checked 1 h ago: not re-queried").isEqualTo(1);
            assertThat(sim.vizier().count("VIII/73/hicat", fresh.substring("HIPASS".length()))).isEqualTo(1);
            assertThat(sim.casda().count("ivoa.obscore", stale)).as("checked 25 h ago: re-queried").isEqualTo(2);
            assertThat(sim.vizier().count("VIII/73/hicat", stale.substring("HIPASS".length()))).isEqualTo(2);
            assertThat(sim.casda().count("ivoa.obscore", ownStaleness)).as("per-source stale_after_hours = 1").isEqualTo(2);
            assertThat(cluster.db().sql().count("SELECT count(*) FROM source_registry WHERE source_identifier = $1 "
                    + "AND last_checked_at < now() - interval '59 minutes'", fresh)).isEqualTo(1);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
