package dev.beampipe.model.config.graph;

import com.sun.net.httpserver.HttpServer;
import dev.beampipe.model.canonical.CanonicalJson;
import dev.beampipe.model.config.model.Graph;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphSourceTest {
    static final String GRAPH = "{\"nodeDataArray\":[{\"id\":\"n\",\"name\":\"beampipe-ingest\"}],\"linkDataArray\":[]}";
    static final String SHA = dev.beampipe.model.canonical.Sha256.hex(GRAPH);

    @TempDir
    Path dir;

    @Test
    void aRelativePathResolvesAgainstTheBaseDirAndIsDigestChecked() throws Exception {
        Files.createDirectories(dir.resolve("graphs"));
        Files.writeString(dir.resolve("graphs/g.graph"), GRAPH);
        LoadedGraph g = new GraphSource(dir).load(new Graph(null, "graphs/g.graph", SHA.toUpperCase()));
        assertThat(g.sha256()).isEqualTo(SHA);
        assertThat(g.json().at("/nodeDataArray/0/name").asText()).isEqualTo("beampipe-ingest");
        assertThat(new String(g.bytes(), StandardCharsets.UTF_8)).isEqualTo(GRAPH);
    }

    @Test
    void mismatchesMissingFilesAndBadJsonAreClearErrorsWithTheirConfigPath() throws Exception {
        Files.writeString(dir.resolve("g.graph"), GRAPH);
        Files.writeString(dir.resolve("bad.graph"), "{not json");
        GraphSource source = new GraphSource(dir);
        assertThatThrownBy(() -> source.load(new Graph(null, "g.graph", "0".repeat(64))))
                .isInstanceOfSatisfying(GraphLoadException.class, e -> {
                    assertThat(e.path()).isEqualTo("graph.sha256");
                    assertThat(e.code()).isEqualTo("graph_sha256_mismatch");
                    assertThat(e.getMessage()).isEqualTo("graph SHA-256 mismatch: expected " + "0".repeat(64) + ", got " + SHA);
                });
        assertThatThrownBy(() -> source.load(new Graph(null, "missing.graph", SHA)))
                .isInstanceOfSatisfying(GraphLoadException.class, e -> assertThat(e.code()).isEqualTo("graph_unavailable"));
        assertThatThrownBy(() -> source.load(new Graph(null, "bad.graph", dev.beampipe.model.canonical.Sha256.hex("{not json"))))
                .isInstanceOfSatisfying(GraphLoadException.class, e -> assertThat(e.getMessage()).startsWith("graph contains invalid JSON"));
        assertThatThrownBy(() -> source.load(new Graph(null, " ", SHA))).hasMessage("graph must specify url or path");
        assertThatThrownBy(() -> source.load(null)).hasMessage("project config has no graph.url or graph.path");
    }

    @Test
    void urlsAreFetchedAndNon2xxIsAnError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/g.graph", ex -> {
            byte[] body = GRAPH.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/gone", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(new GraphSource(dir).load(new Graph(base + "/g.graph", null, SHA)).source()).isEqualTo(base + "/g.graph");
            assertThatThrownBy(() -> new GraphSource(dir).load(new Graph(base + "/gone", null, SHA))).hasMessage("graph fetch failed: HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theWallabyGraphMatchesItsPinnedDigestAndIsStoredWithTheRevision() {
        Path reference = ReferenceFiles.path("config/graphs/wallaby-hires_deploy-setonix-beampipe.graph").getParent().getParent().getParent();
        LoadedGraph g = new GraphSource(reference).load(new Graph(null,
                "config/graphs/wallaby-hires_deploy-setonix-beampipe.graph",
                "56faf68f4e22bab5a5976c081f54ad8c2dd4c17c71d02c9b6843c531d2f9a47b"));
        try (TestDatabase t = TestDatabase.create()) {
            ConfigRevision rev = new ConfigRevisions(t.db()).upload("wallaby_hires",
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "c".repeat(64), "test",
                    java.util.Optional.of(g));
            ConfigGraphs graphs = new ConfigGraphs(t.db());
            ConfigGraphs.StoredGraph stored = graphs.forRevision(rev.id()).orElseThrow();
            assertThat(stored.sha256()).isEqualTo("56faf68f4e22bab5a5976c081f54ad8c2dd4c17c71d02c9b6843c531d2f9a47b");
            assertThat(dev.beampipe.model.canonical.Sha256.hex(stored.bytes())).isEqualTo(stored.sha256());
        }
    }
}
