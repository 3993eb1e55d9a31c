package dev.beampipe.worker.discovery.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.Adapters;
import dev.beampipe.model.discovery.pipeline.ArchiveQueryException;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.simulators.tap.TapSimulator;
import dev.beampipe.worker.discovery.tap.TapClient;
import dev.beampipe.worker.discovery.tap.TapSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TAP queries over real HTTP against the in-process simulator. */
class TapArchiveQueriesTest {
    private TapSimulator sim;
    private SimpleMeterRegistry meters;
    private TapArchiveQueries queries;

    @BeforeEach
    void start() throws Exception {
        sim = TapSimulator.start(0);
        meters = new SimpleMeterRegistry();
        queries = queries(new TapSettings(Duration.ofSeconds(5), 0));
    }

    private TapArchiveQueries queries(TapSettings settings) {
        EnvValues env = new EnvValues(Map.of("BEAMPIPE_CASDA_TAP_URL", sim.casdaTapBase().toString(),
                "BEAMPIPE_VIZIER_TAP_URL", sim.vizierTapBase().toString()));
        return new TapArchiveQueries(new TapClient(settings, Optional.empty()), TapEndpoints.resolve(Adapters.DEFAULT, env),
                new DiscoveryMetrics(meters));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void rowsAreStringObjectsWithByteSortedKeysAndNullsAsEmptyStrings() throws Exception {
        List<ObjectNode> rows = queries.query("vizier",
                "SELECT HIPASS, RAJ2000, DEJ2000, RV50max, RV50min, RVmom FROM \"VIII/73/hicat\" WHERE HIPASS = 'J1317-16'");
        assertThat(rows).hasSize(1);
        List<String> keys = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("DEJ2000", "HIPASS", "RAJ2000", "RV50max", "RV50min", "RVmom");
        rows.get(0).elements().forEachRemaining(v -> assertThat(v.isTextual()).isTrue());
        assertThat(rows.get(0).get("HIPASS").asText()).isEqualTo("J1317-16");

        List<ObjectNode> obscore = queries.query("casda", "SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1317-16%'");
        assertThat(obscore).isNotEmpty();
        assertThat(obscore).anySatisfy(r -> assertThat(r.get("quality_level").asText()).isEmpty());
        assertThat(meters.find("beampipe_tap_request_duration").tag("adapter", "casda").tag("outcome", "ok").timer())
                .isNotNull();
    }

    @Test
    void anUnknownAdapterIsNotConfigured() {
        assertThatThrownBy(() -> queries.query("ned", "SELECT 1"))
                .isInstanceOf(ArchiveQueryException.class).hasMessage("adapter 'ned' is not configured")
                .matches(e -> !((ArchiveQueryException) e).timeout());
    }

    @Test
    void aQueryStatusErrorIsAnAdapterError() {
        sim.vizier().faults().errorFor("J1317-16");
        assertThatThrownBy(() -> queries.query("vizier", "SELECT * FROM \"VIII/73/hicat\" WHERE HIPASS = 'J1317-16'"))
                .isInstanceOf(ArchiveQueryException.class).hasMessageStartingWith("adapter error: ")
                .matches(e -> !((ArchiveQueryException) e).timeout());
    }

    @Test
    void aSlowArchiveIsATapTimeout() {
        sim.casda().faults().delay(3_000);
        TapArchiveQueries impatient = queries(new TapSettings(Duration.ofMillis(300), 0));
        assertThatThrownBy(() -> impatient.query("casda", "SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1317-16%'"))
                .isInstanceOf(ArchiveQueryException.class).hasMessage("TAP timeout")
                .matches(e -> ((ArchiveQueryException) e).timeout());
        assertThat(meters.find("beampipe_tap_request_duration").tag("outcome", "timeout").timer().count()).isEqualTo(1);
    }
}
