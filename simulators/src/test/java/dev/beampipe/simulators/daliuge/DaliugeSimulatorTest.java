package dev.beampipe.simulators.daliuge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beampipe.simulators.http.Json;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both simulators together, driven exactly like the REST deployment path: translate, map, deploy, poll (§2.6, §3.8, §3.9). */
class DaliugeSimulatorTest {

    @Test
    void translateDeployAndPollToFinishedOnTheSystemClock() throws Exception {
        try (DaliugeSimulator sim = DaliugeSimulator.start(0, 0, Clock.systemUTC(), IslandManagerSimulator.DEFAULT_NODES, 20, null)) {
            assertThat(sim.tmBase().getPort()).isNotEqualTo(sim.dimBase().getPort());
            String pgt = DlgHttp.postForm(sim.tmBase(), "/unroll_and_partition", DlgHttp.form("lg_content", DlgHttp.fixture(),
                    "num_partitions", "2", "num_islands", "1", "algorithm", "metis")).body();
            HttpResponse<String> pgReply = DlgHttp.postForm(sim.tmBase(), "/map", DlgHttp.form("pgt_content", pgt,
                    "host", "127.0.0.1", "port", String.valueOf(sim.dimBase().getPort()), "num_islands", "1", "co_host_dim", "true"));
            List<Object> pg = DlgHttp.array(pgReply);
            String sid = "BeampipeExecution-e2e-2026-08-22T10-00-00";
            assertThat(DlgHttp.postJson(sim.dimBase(), "/api/sessions", "{\"sessionId\":\"" + sid + "\"}").statusCode()).isEqualTo(200);
            assertThat(DlgHttp.postJson(sim.dimBase(), "/api/sessions/" + sid + "/graph/append", Json.write(pg)).statusCode())
                    .isEqualTo(200);
            String roots = String.join(",", DlgHttp.roots(DlgHttp.drops(pg)));
            assertThat(DlgHttp.postForm(sim.dimBase(), "/api/sessions/" + sid + "/deploy", "completed=" + roots).statusCode())
                    .isEqualTo(200);
            Map<String, Object> status = Map.of();
            for (int i = 0; i < 200; i++) {
                status = DlgHttp.object(DlgHttp.get(sim.dimBase(), "/api/sessions/" + sid + "/status"));
                if (status.values().stream().allMatch(v -> v.equals(4L))) {
                    break;
                }
                Thread.sleep(10);
            }
            assertThat(status).containsOnlyKeys(IslandManagerSimulator.DEFAULT_NODES).allSatisfy((k, v) -> assertThat(v).isEqualTo(4L));
            assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(1);
            assertThat(sim.tm().count("map")).isEqualTo(1);
            sim.reset();
            assertThat(sim.dim().sessionsCreated(sid)).isZero();
        }
    }
}
