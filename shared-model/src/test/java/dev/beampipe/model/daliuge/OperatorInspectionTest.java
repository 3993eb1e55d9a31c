package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.daliuge.IslandManagerSimulator;
import dev.beampipe.simulators.daliuge.Outcome;
import dev.beampipe.simulators.http.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator inspection shapes against the in-process TM + DIM simulator. */
class OperatorInspectionTest {
    private static ManualClock clock;
    private static DaliugeSimulator sim;
    private static DaliugeEndpoints endpoints;
    private static final OperatorInspection inspection = new OperatorInspection();

    @BeforeAll
    static void start() {
        clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
        sim = DaliugeSimulator.start(0, 0, clock, IslandManagerSimulator.DEFAULT_NODES, 100, null);
        endpoints = new DaliugeEndpoints(null, sim.tmBase().toString(), sim.dimBase().toString(),
                sim.dimBase().getHost(), (long) sim.dimBase().getPort(), true);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void translatorAndManagerReportMethodsNodesAndTheUnreportedVersion() throws Exception {
        ObjectNode tm = inspection.translator(endpoints);
        assertThat(strings(tm.get("methods"))).containsExactly("BROWSER", "SERVER");
        assertThat(tm.get("updated_translation_api").asBoolean()).isTrue();
        assertThat(tm.get("version").isNull()).isTrue();
        assertThat(tm.at("/diagnostics/0/code").asText()).isEqualTo("daliuge.version_unreported");
        ObjectNode dim = inspection.manager(endpoints);
        assertThat(strings(dim.get("nodes"))).isEqualTo(IslandManagerSimulator.DEFAULT_NODES);
        assertThat(dim.at("/capabilities/session_api").asBoolean()).isTrue();
        assertThat(dim.get("endpoint").asText()).isEqualTo(sim.dimBase().toString().replaceAll("/+$", ""));
    }

    @Test
    void sessionsAndOneSessionObservation() throws Exception {
        String sid = "inspect-" + System.nanoTime();
        sim.dim().outcome(sid, Outcome.NEVER_END);
        IslandManagerClient client = new IslandManagerClient(sim.dimBase().toString(), true);
        client.createSession(sid);
        assertThat(inspection.sessions(endpoints)).anySatisfy(s -> {
            assertThat(s.get("sessionId").asText()).isEqualTo(sid);
            assertThat(s.get("status").isObject()).isTrue();
        });
        ObjectNode observed = inspection.session(endpoints, sid);
        assertThat(observed.get("state").asText()).isEqualTo("pristine");
        assertThat(observed.get("graph").isNull()).isTrue();
        assertThat(observed.get("per_node").size()).isEqualTo(2);

        assertThatThrownBy(() -> inspection.session(endpoints, "no-such-session"))
                .isInstanceOfSatisfying(DaliugeException.class, e -> assertThat(e.sessionNotFound()).isTrue());
    }

    @Test
    void anUnreachableManagerIsAConnectivityError() {
        DaliugeEndpoints closed = DaliugeEndpoints.of(Optional.empty(), "http://127.0.0.1:" + DaliugeTestGraphs.closedPort(),
                "http://127.0.0.1:" + DaliugeTestGraphs.closedPort());
        assertThatThrownBy(() -> new OperatorInspection(Duration.ofSeconds(2)).manager(closed))
                .isInstanceOfSatisfying(DaliugeException.class, e -> assertThat(e.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
