package dev.beampipe.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The structural diff (table) and {@code graph diff --execution} against a fresh PostgreSQL. */
class GraphDiffTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase database;
    static Database db;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        db = database.db();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1}                 | {\"a\":1}                 | ''",
            "{\"a\":1}                 | {\"a\":2}                 | changed /a",
            "{\"a\":1}                 | {\"a\":1,\"b\":2}         | added /b",
            "{\"a\":1,\"b\":2}         | {\"a\":1}                 | removed /b",
            "{\"n\":[{\"v\":1},{\"v\":2}]} | {\"n\":[{\"v\":1},{\"v\":3}]} | changed /n/1/v",
            "{\"n\":[1]}               | {\"n\":[1,2]}             | added /n/1",
            "{\"a/b\":{\"c~\":1}}      | {\"a/b\":{\"c~\":2}}      | changed /a~1b/c~0",
            "1                         | 2                         | changed /",
            "{\"a\":{\"x\":1}}         | {\"a\":[1]}               | changed /a"})
    void changesAreAddressedByJsonPointer(String before, String after, String expected) throws Exception {
        List<GraphDiff.Change> changes = GraphDiff.changes(JSON.readTree(before), JSON.readTree(after));
        assertThat(changes.stream().map(c -> c.kind() + " " + c.path()).reduce((x, y) -> x + ", " + y).orElse(""))
                .isEqualTo(expected);
    }

    @Test
    void theSummaryCountsAndTruncates() throws Exception {
        StringBuilder a = new StringBuilder("{");
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < 250; i++) {
            a.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i + 1);
        }
        JsonNode s = GraphDiff.summary(GraphDiff.changes(JSON.readTree(a + "}"), JSON.readTree(b + "}")));
        assertThat(s.get("total").asInt()).isEqualTo(250);
        assertThat(s.get("changed").asInt()).isEqualTo(250);
        assertThat(s.get("truncated").asBoolean()).isTrue();
        assertThat(s.get("changes").size()).isEqualTo(GraphDiff.MAX_LISTED);
    }

    static CommandRun diff(String... args) {
        return CommandRun.of(new GraphCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret())), args);
    }

    static void artifact(UUID execution, String kind, JsonObject graph) throws Exception {
        db.sql().update("INSERT INTO execution_artifacts (uuid, execution_id, kind, storage_kind, inline_json, media_type, "
                        + "sha256, producer_phase) VALUES ($1, $2, $3, 'database', $4, 'application/json', $5, 'graph_patched')",
                Uuid7.next(), execution, kind, graph, StableJson.sha256(JSON.readTree(graph.encode())));
    }

    @Test
    void diffComparesTheLatestSourceAndPatchedGraphs() throws Exception {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name) "
                + "VALUES ($1, 'm', $2, 'casda')", id, new JsonArray());
        JsonObject source = new JsonObject().put("nodeDataArray", new JsonArray()
                .add(new JsonObject().put("name", "ingest").put("fields", new JsonArray()
                        .add(new JsonObject().put("name", "manifest_path").put("value", "")))));
        JsonObject patched = source.copy();
        patched.getJsonArray("nodeDataArray").getJsonObject(0).getJsonArray("fields").getJsonObject(0)
                .put("value", "/scratch/manifest.json");
        artifact(id, "source_graph", source);
        artifact(id, "patched_graph", patched);

        CommandRun r = diff("diff", "--execution", id.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("source_graph_sha256").asText()).isEqualTo(StableJson.sha256(JSON.readTree(source.encode())));
        assertThat(j.get("patched_graph_sha256").asText()).isEqualTo(StableJson.sha256(JSON.readTree(patched.encode())));
        assertThat(j.at("/summary/total").asInt()).isEqualTo(1);
        assertThat(j.at("/summary/changes/0/path").asText()).isEqualTo("/nodeDataArray/0/fields/0/value");
        assertThat(j.at("/summary/changes/0/patched").asText()).isEqualTo("/scratch/manifest.json");
        assertThat(j.has("source_graph")).isFalse();

        CommandRun full = diff("diff", "--execution", id.toString(), "--full");
        assertThat(full.json().at("/patched_graph/nodeDataArray/0/name").asText()).isEqualTo("ingest");

        UUID bare = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name) "
                + "VALUES ($1, 'm', $2, 'casda')", bare, new JsonArray());
        CommandRun none = diff("diff", "--execution", bare.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("has no inline source_graph artifact");
        assertThat(diff("diff", "--execution", Uuid7.next().toString()).err()).contains("not found");
    }
}
