package dev.beampipe.model.daliuge;

import dev.beampipe.model.canonical.StableJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@link TranslatorClient} against the in-process Translator Manager simulator over real HTTP. */
class TranslatorClientTest {

    private static DaliugeSimulator sim;
    private TranslatorClient client;
    private Translation translation;
    private RestRemoteDeployment deployment;

    @BeforeAll
    static void start() {
        sim = DaliugeSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void setUp() {
        sim.reset();
        client = new TranslatorClient(sim.tmBase() + "/", true, Duration.ofSeconds(5));
        translation = DaliugeTestGraphs.translation("metis", 2, 0, sim.tmBase());
        deployment = DaliugeTestGraphs.deployment(sim.dimBase());
    }

    @Test
    void translatesOurGraphWithTheProfileSettings() throws Exception {
        PhysicalGraph pg = client.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment);

        // ingest, manifest, mosaic, mosaic image + (imager, beam_image) × 3 copies, reprodata last
        ArrayNode drops = pg.drops();
        assertThat(pg.dropCount()).isEqualTo(drops.size() - 1);
        assertThat(drops.get(drops.size() - 1).has("rmode")).isTrue();
        List<String> nodes = new ArrayList<>();
        for (JsonNode d : drops) {
            if (d.has("oid")) {
                assertThat(d.get("type").asText()).isIn("app", "plain");
                assertThat(d.get("island").asText()).isEqualTo(sim.dimBase().getHost() + ":" + sim.dimBase().getPort());
                nodes.add(d.get("node").asText());
                if (d.get("type").asText().equals("app")) {
                    assertThat(d.get("app").asText()).isEqualTo(d.get("dropclass").asText());
                }
            }
        }
        assertThat(nodes).containsOnly("dlg-nm1:8000:5555:6666", "dlg-nm2:8000:5555:6666");
        assertThat(pg.roots()).hasSize(1);
        assertThat(pg.roots().get(0)).contains(ingestNodeId());

        RecordedRequest unroll = sim.tm().journal().matching("POST", "/unroll_and_partition").get(0);
        assertThat(unroll.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        List<String[]> form = form(unroll.bodyText());
        assertThat(form.stream().map(f -> f[0])).containsExactly("lg_content", "num_partitions", "num_islands", "algorithm");
        assertThat(form.get(0)[1]).isEqualTo(StableJson.write(DaliugeTestGraphs.beamMosaic()));
        assertThat(form.get(1)[1]).isEqualTo("2");
        assertThat(form.get(2)[1]).isEqualTo("1"); // num_islands 0 is sent as 1
        assertThat(form.get(3)[1]).isEqualTo("metis");

        List<String[]> map = form(sim.tm().journal().matching("POST", "/map").get(0).bodyText());
        assertThat(map.stream().map(f -> f[0])).containsExactly("pgt_content", "host", "port", "num_islands", "co_host_dim");
        assertThat(map.get(1)[1]).isEqualTo(sim.dimBase().getHost());
        assertThat(map.get(2)[1]).isEqualTo(Integer.toString(sim.dimBase().getPort()));
        assertThat(map.get(3)[1]).isEqualTo("1");
        assertThat(map.get(4)[1]).isEqualTo("true");
    }

    @Test
    void translatesTheReferenceWallabyGraphInPlace() throws Exception {
        Path wallaby = DaliugeTestGraphs.wallabyGraph().orElse(null);
        assumeThat(wallaby).as("shared/reference present").isNotNull();
        JsonNode lg = DaliugeTestGraphs.JSON.readTree(Files.readString(wallaby));
        PhysicalGraph pg = client.translate(lg, DaliugeTestGraphs.translation("mysarkar", 2, 1, sim.tmBase()), deployment);
        assertThat(pg.dropCount()).isEqualTo(82);
        assertThat(pg.roots()).isNotEmpty();
        List<String[]> form = form(sim.tm().journal().matching("POST", "/unroll_and_partition").get(0).bodyText());
        assertThat(form.get(3)[1]).isEqualTo("mysarkar");
    }

    @Test
    void translatorErrorsAreDefiniteAndCarryTheDetail() {
        sim.tm().faults().add("unroll_and_partition", Fault.status(400, "LG content is malformed", 1));
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.component()).isEqualTo(DaliugeComponent.TRANSLATOR);
                    assertThat(e.operation()).isEqualTo(DaliugeOperation.UNROLL_AND_PARTITION);
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.HTTP_STATUS);
                    assertThat(e.getMessage()).isEqualTo("DALiuGE returned HTTP 400: LG content is malformed");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.ambiguous()).isFalse();
                });

        sim.tm().faults().add("map", Fault.status(500, null, 1));
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.operation()).isEqualTo(DaliugeOperation.MAP);
                    assertThat(e.getMessage()).isEqualTo("DALiuGE returned HTTP 500");
                    assertThat(e.responseExcerpt()).contains("Internal Server Error");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void anUnknownAlgorithmIsRefusedByTheTm() {
        Translation bad = DaliugeTestGraphs.translation("kmeans", 1, 1, sim.tmBase());
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), bad, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(422);
                    assertThat(e.responseExcerpt().orElseThrow()).contains("\"algorithm\"");
                });
    }

    @Test
    void moreIslandsThanNodesIsTheTmsError() {
        Translation islands = DaliugeTestGraphs.translation("metis", 1, 3, sim.tmBase());
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), islands, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("DALiuGE returned HTTP 500: #nodes (3) should be larger than the number of islands (3)"));
    }

    @Test
    void wrongShapesAreInvalidResponses() {
        sim.tm().faults().add("unroll_and_partition", Fault.of(Fault.Kind.NOT_ARRAY, 1));
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("invalid JSON response: expected a physical graph template array");
                });
        sim.tm().faults().add("map", Fault.of(Fault.Kind.TRUNCATED_JSON, 1));
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.INVALID_RESPONSE);
                    assertThat(e.operation()).isEqualTo(DaliugeOperation.MAP);
                });
        sim.tm().faults().add("map", Fault.of(Fault.Kind.HTML_200, 1));
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class,
                        e -> assertThat(e.kind()).isEqualTo(DaliugeErrorKind.INVALID_RESPONSE));
    }

    @Test
    void aBlankDimHostIsRefusedBeforeMap() {
        RestRemoteDeployment noPort = new RestRemoteDeployment("  ", 0L, "dim", 8001L, false, true);
        assertThatThrownBy(() -> client.translate(DaliugeTestGraphs.beamMosaic(), translation, noPort))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.COMPATIBILITY);
                    assertThat(e.getMessage()).isEqualTo("updated DALiuGE mapping requires a valid DIM host and port");
                });
        assertThat(sim.tm().count("map")).isZero();
        assertThatThrownBy(() -> client.map(DaliugeTestGraphs.JSON.createArrayNode(), "dim", 70000, 1))
                .isInstanceOf(DaliugeException.class);
    }

    @Test
    void timeoutsAndRefusedConnections() {
        TranslatorClient slow = new TranslatorClient(sim.tmBase().toString(), true, Duration.ofMillis(300));
        sim.tm().faults().delay("unroll_and_partition", 1500);
        assertThatThrownBy(() -> slow.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("request timed out");
                    assertThat(e.retryable()).isTrue();
                });
        sim.tm().faults().delay("unroll_and_partition", 0);

        TranslatorClient down = new TranslatorClient("http://127.0.0.1:" + DaliugeTestGraphs.closedPort(), true,
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> down.translate(DaliugeTestGraphs.beamMosaic(), translation, deployment))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY);
                    assertThat(e.getMessage()).isEqualTo("connection failed");
                    assertThat(e.ambiguous()).isFalse();
                });
        assertThatThrownBy(down::ping).isInstanceOf(DaliugeException.class);
    }

    @Test
    void inspectionAndPreflight() throws Exception {
        TranslatorInspection plain = client.inspect(null, null);
        assertThat(plain.methods()).isEmpty();
        assertThat(plain.updatedTranslationApi()).isTrue();
        assertThat(plain.version()).isNull();
        assertThat(plain.warnings()).containsExactly("daliuge.version_unreported");

        TranslatorInspection withDim = client.inspect(sim.dimBase().getHost(), (long) sim.dimBase().getPort());
        assertThat(withDim.methods()).containsExactly("BROWSER", "SERVER");
        assertThat(sim.tm().journal().matching("GET", "/api/submission_method").get(1).rawQuery())
                .isEqualTo("dlg_mgr_host=" + sim.dimBase().getHost() + "&dlg_mgr_port=" + sim.dimBase().getPort());

        client.ping();
        sim.tm().faults().add("root", Fault.status(503, null, 1));
        client.ping(); // any HTTP answer means reachable
        assertThat(sim.tm().count("root")).isEqualTo(2);
    }

    @Test
    void baseUrlFallsBackAndTrims() {
        assertThat(TranslatorClient.baseUrl(null)).isEqualTo("http://localhost:9000");
        assertThat(TranslatorClient.baseUrl(" http://tm:8084// ")).isEqualTo("http://tm:8084");
    }

    private String ingestNodeId() {
        for (JsonNode n : DaliugeTestGraphs.beamMosaic().get("nodeDataArray")) {
            if (n.get("name").asText().equals("beampipe-ingest")) {
                return n.get("id").asText();
            }
        }
        throw new AssertionError("no beampipe-ingest node");
    }

    private static List<String[]> form(String body) {
        List<String[]> out = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.add(new String[]{URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
        }
        return out;
    }
}
