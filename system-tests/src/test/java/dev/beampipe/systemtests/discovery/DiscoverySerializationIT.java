package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.simulators.tap.VoTableWriter;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 acceptance 5: the same sources discovered once with VizieR answering BINARY (its default, as VOLLT;
 * on the shared stage) and once TABLEDATA (a second simulator with the switched default, a second database and
 * its own scheduler and worker) give identical archive_metadata JSON and identical signatures.
 */
@ExtendWith(SharedDiscoveryStage.class)
class DiscoverySerializationIT {

    @Test
    void binaryAndTabledataRepliesGiveIdenticalMetadataAndSignatures(SharedDiscoveryStage.Stage stage) {
        List<String> sources = HipassNames.of(24, 55);
        stage.cluster().register(sources);
        stage.cluster().awaitSettled(sources, Duration.ofSeconds(90));
        Run binary = new Run(stage.cluster().signatures(sources), rows(stage.cluster(), sources));
        // VizieR is asked for every source with visibilities (the secondary query runs after a non-empty primary)
        List<String> withData = sources.stream()
                .filter(s -> ArchiveTruth.of(stage.sim().archive(), s).kind() != ArchiveTruth.Kind.NO_DATA).toList();
        assertThat(withData).allSatisfy(s -> assertThat(stage.sim().vizier().count("VIII/73/hicat", s.substring(6))).as(s).isPositive());
        try (TapSimulator sim = TapSimulator.start(0)) {
            sim.vizier().faults().serialization(VoTableWriter.Serialization.TABLEDATA);
            Run tabledata = discover(sim, "serialization-tabledata", sources);
            assertThat(withData).allSatisfy(s -> assertThat(sim.vizier().count("VIII/73/hicat", s.substring(6))).as(s).isPositive());

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
            return new Run(cluster.signatures(sources), rows(cluster, sources));
        }
    }

    /** The stored rows with the simulator's own address (in the DataLink access URLs) replaced: two runs use two simulators. */
    private static Map<String, Map<String, JsonObject>> rows(DiscoveryCluster cluster, List<String> sources) {
        Map<String, Map<String, JsonObject>> out = new java.util.TreeMap<>();
        String base = cluster.sim().baseUri().toString();
        cluster.archiveRows().forEach((source, bySbid) -> {
            if (sources.contains(source)) {
                Map<String, JsonObject> rows = new java.util.TreeMap<>();
                bySbid.forEach((sbid, json) -> rows.put(sbid, new JsonObject(json.encode().replace(base, "http://simulator"))));
                out.put(source, rows);
            }
        });
        return out;
    }
}
