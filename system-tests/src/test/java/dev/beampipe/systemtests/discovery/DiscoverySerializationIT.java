package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.simulators.tap.VoTableWriter;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 acceptance 5: the same sources discovered once with VizieR answering BINARY (its default, as VOLLT)
 * and once TABLEDATA (the simulator's switched default) — two databases — give identical archive_metadata
 * JSON and identical signatures.
 */
class DiscoverySerializationIT {

    @Test
    void binaryAndTabledataRepliesGiveIdenticalMetadataAndSignatures() {
        List<String> sources = HipassNames.of(24, 55);
        try (TapSimulator sim = TapSimulator.start(0)) {
            Run binary = discover(sim, "serialization-binary", sources);
            assertThat(sim.vizier().requests()).isPositive();
            sim.vizier().resetCounts();
            sim.vizier().faults().serialization(VoTableWriter.Serialization.TABLEDATA);
            Run tabledata = discover(sim, "serialization-tabledata", sources);
            assertThat(sim.vizier().requests()).isPositive();

            // HICAT rows exist for most sources, so the VizieR reply shaped the flags of most stored rows
            assertThat(binary.rows().values().stream().flatMap(m -> m.values().stream())
                    .filter(j -> j.getJsonObject("discovery_flags") != null
                            && Boolean.TRUE.equals(j.getJsonObject("discovery_flags").getValue("ra_dec_vsys_complete")))).isNotEmpty();
            assertThat(tabledata.rows()).isEqualTo(binary.rows());
            assertThat(tabledata.signatures()).isEqualTo(binary.signatures());
            assertThat(binary.signatures()).hasSize(sources.size());
        }
    }

    record Run(Map<String, String> signatures, Map<String, Map<String, JsonObject>> rows) {
    }

    private static Run discover(TapSimulator sim, String name, List<String> sources) {
        try (DiscoveryCluster cluster = DiscoveryCluster.create(name, sim)) {
            cluster.activate(WallabyConfigVariant.reference().set("automation.discovery", "batch_size", "6").writeTo(cluster.logs()));
            cluster.register(sources);
            cluster.startScheduler();
            cluster.startWorker("worker-1");
            cluster.awaitSettled(sources, Duration.ofSeconds(90));
            return new Run(cluster.signatures(), cluster.archiveRows());
        }
    }
}
