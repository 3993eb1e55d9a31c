package dev.beampipe.api.graphs;

import com.sun.net.httpserver.HttpServer;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.RepoFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code POST /api/v2/graphs/prepare}: manifest, patches and the pinned graph from the active config. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class GraphsResourceTest {
    static final String GRAPH = "{\"nodeDataArray\":[{\"id\":\"ingest\",\"name\":\"beampipe-ingest\",\"fields\":"
            + "[{\"id\":\"f1\",\"name\":\"manifest_path\",\"value\":\"\"}]},{\"id\":\"beam\",\"name\":\"Scatter/GenericScatterApp/Beam\","
            + "\"fields\":[{\"id\":\"f2\",\"name\":\"num_of_copies\",\"type\":\"Integer\",\"value\":1,\"defaultValue\":\"1\"}]}],"
            + "\"linkDataArray\":[]}";
    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;
    HttpServer server;
    String module;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/g.graph", ex -> {
            byte[] body = GRAPH.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/g.graph";
        module = RepoFiles.unique("graphs_");
        String config = RepoFiles.example("hipass_sample.v2.yaml").replaceFirst("(?m)^  id: hipass_sample$", "  id: " + module)
                .replaceFirst("(?ms)^graph:\\n  path: [^\\n]+\\n  sha256: [0-9a-f]{64}\\n",
                        "graph:\n  url: " + url + "\n  sha256: " + Sha256.hex(GRAPH) + "\n");
        given().spec(Operators.bearer(Operators.superuserToken(db, tokens))).body(config).post("/api/v2/project-configs")
                .then().statusCode(201);
        user = Operators.bearer(Operators.userToken(db, tokens));
        metadata("HIPASSJ1317-16", "72962");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void metadata(String source, String sbid) {
        JsonArray records = new JsonArray();
        for (int beam = 0; beam < 2; beam++) {
            records.add(new JsonObject().put("sbid", sbid).put("source_identifier", source)
                    .put("dataset_id", source + "_beam0" + beam + ".ms.tar").put("visibility_filename", source + "_beam0" + beam + ".ms.tar")
                    .put("checksum_url", "https://casda.example/checksum?token=abc123"));
        }
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                        + "VALUES ($1, $2, $3, $4, $5)", Uuid7.next(), module, source, sbid,
                new JsonObject().put("datasets", records)
                        .put("discovery_flags", new JsonObject().put("ra_string", "13h").put("dec_string", "-16").put("vsys", "2505.3")));
    }

    Response prepare(String body) {
        return given().spec(user).contentType(ContentType.JSON).body(body).post("/api/v2/graphs/prepare");
    }

    @Test
    void preparesDeterministicallyFromTheActiveConfig() throws Exception {
        String body = "{\"project_module\": \"" + module + "\", \"source_identifiers\": [\"HIPASSJ1317-16\"], \"extra\": true}";
        Response first = prepare(body);
        first.then().statusCode(200)
                .body("project_module", equalTo(module))
                .body("source_identifiers[0]", equalTo("HIPASSJ1317-16"))
                .body("project_config_version", equalTo(1))
                .body("source_graph_sha256", equalTo(StableJson.sha256(new ObjectMapper().readTree(GRAPH))))
                .body("patch_summary.manifest_injected", equalTo(true))
                .body("manifest.sources[0].sbids[0].datasets.size()", equalTo(2))
                .body("patched_graph.nodeDataArray[1].fields[0].value", equalTo(2))
                .body("patched_graph.nodeDataArray[1].fields[0].defaultValue", equalTo("2"));
        assertThat(first.asString()).doesNotContain("abc123");
        Response second = prepare(body);
        assertThat(second.path("patched_graph_sha256").toString()).isEqualTo(first.path("patched_graph_sha256").toString());
        assertThat(second.path("manifest_sha256").toString()).isEqualTo(first.path("manifest_sha256").toString());
    }

    @Test
    void badRequestsAreStructured400s() {
        ErrorBody.assertError(prepare("{\"project_module\": \"  \", \"source_identifiers\": [\"a\"]}").then(),
                400, "bad_request", "validation").body("error", equalTo("project_module is required"));
        ErrorBody.assertError(prepare("{\"project_module\": \"" + module + "\", \"source_identifiers\": []}").then(),
                400, "bad_request", "validation").body("error", equalTo("source_identifiers must not be empty"));
        ErrorBody.assertError(prepare("{\"project_module\": \"no_such_module\", \"source_identifiers\": [\"a\"]}").then(),
                400, "bad_request", "validation");
        ErrorBody.assertError(prepare("{\"project_module\": \"" + module + "\", \"source_identifiers\": [\"unknown\"]}").then(),
                400, "bad_request", "validation").body("error", equalTo("manifest has no usable datasets"));
        prepare("{\"project_module\": \"" + module + "\"}").then().statusCode(422);
    }
}
