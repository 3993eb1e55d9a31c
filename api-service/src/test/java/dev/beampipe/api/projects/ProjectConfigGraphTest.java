package dev.beampipe.api.projects;

import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.auth.Tokens;
import com.sun.net.httpserver.HttpServer;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.RepoFiles;
import io.quarkus.test.common.WithTestResource;
import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.db.Database;
import io.quarkus.test.junit.QuarkusTest;
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
import static org.hamcrest.Matchers.hasItem;

/** The graph a config pins is fetched and digest-checked at upload, and stored with the revision. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ProjectConfigGraphTest {
    @Inject
    Tokens tokens;

    @BeforeEach
    void actAsSuperuser() {
        Operators.actAsSuperuser(db, tokens);
    }

    @AfterEach
    void forgetToken() {
        Operators.reset();
    }

    static final String GRAPH = "{\"nodeDataArray\":[{\"id\":\"n\",\"name\":\"beampipe-ingest\",\"fields\":[]}],\"linkDataArray\":[]}";

    @Inject
    Database db;

    HttpServer server;
    String url;

    @BeforeEach
    void serveGraph() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/g.graph", ex -> {
            byte[] body = GRAPH.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/g.graph";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String config(String id, String graphBlock) {
        return RepoFiles.example("hipass_sample.v2.yaml").replaceFirst("(?m)^  id: hipass_sample$", "  id: " + id)
                .replaceFirst("(?ms)^graph:\\n  path: [^\\n]+\\n  sha256: [0-9a-f]{64}\\n", graphBlock);
    }

    @Test
    void aGraphThatLoadsIsStoredAndAMismatchRefusesTheUpload() {
        String id = RepoFiles.unique("graph_");
        given().body(config(id, "graph:\n  url: " + url + "\n  sha256: " + Sha256.hex(GRAPH) + "\n"))
                .post("/api/v2/project-configs").then().statusCode(201).body("valid", equalTo(true));
        assertThat(db.sql().count("SELECT count(*) FROM project_config_graphs g JOIN project_configs c ON c.uuid = g.project_config_id "
                + "WHERE c.project_id = $1 AND g.graph_sha256 = $2", id, Sha256.hex(GRAPH))).isEqualTo(1);

        given().body(config(id, "graph:\n  url: " + url + "\n  sha256: " + "0".repeat(64) + "\n"))
                .post("/api/v2/project-configs").then().statusCode(400)
                .body("code", equalTo("project_config_validation_failed"))
                .body("failure.diagnostics.code", hasItem("graph_sha256_mismatch"))
                .body("failure.diagnostics.path", hasItem("graph.sha256"));
        assertThat(db.sql().count("SELECT count(*) FROM project_configs WHERE project_id = $1", id)).isEqualTo(1);
    }

    @Test
    void aGraphThisHostCannotReachIsAWarningAndTheRevisionIsStoredWithoutIt() {
        String id = RepoFiles.unique("graph_");
        given().body(config(id, "graph:\n  path: no/such/dir/missing.graph\n  sha256: " + Sha256.hex(GRAPH) + "\n"))
                .post("/api/v2/project-configs").then().statusCode(201)
                .body("warnings.code", hasItem("graph_not_verified"));
        assertThat(db.sql().count("SELECT count(*) FROM project_config_graphs g JOIN project_configs c ON c.uuid = g.project_config_id "
                + "WHERE c.project_id = $1", id)).isZero();
    }
}
