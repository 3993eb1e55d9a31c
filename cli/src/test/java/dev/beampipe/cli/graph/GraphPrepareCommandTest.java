package dev.beampipe.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code beampipe graph prepare} against a fresh PostgreSQL: our example project config (its graph read through
 * {@code BEAMPIPE_HOME} = the repository root) and stored archive metadata.
 */
class GraphPrepareCommandTest {
    static TestDatabase database;
    static Database db;
    static Path repo;
    static String module;

    @BeforeAll
    static void seed() throws Exception {
        database = TestDatabase.create();
        db = database.db();
        repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("config/examples"))) {
            repo = repo.getParent();
        }
        module = "graphs_" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = Files.readString(repo.resolve("config/examples/hipass_sample.v2.yaml"))
                .replaceFirst("(?m)^  id: hipass_sample$", "  id: " + module);
        ProjectConfig config = ((ParseResult.Parsed) ProjectConfigValidation.parse(yaml.getBytes(StandardCharsets.UTF_8))).config();
        ValidationReport report = ProjectConfigValidation.validate(config, SpecHasher.canonical(), null);
        assertThat(report.valid()).as(report.errors().toString()).isTrue();
        new ConfigRevisions(db).upload(module, ModelTree.toJson(config), report.specSha256(), "system:test", Optional.empty());
        JsonArray datasets = new JsonArray();
        for (int beam = 0; beam < 2; beam++) {
            datasets.add(new JsonObject().put("sbid", "72962").put("source_identifier", "HIPASSJ1317-16")
                    .put("dataset_id", "HIPASSJ1317-16_beam0" + beam + ".ms.tar")
                    .put("visibility_filename", "HIPASSJ1317-16_beam0" + beam + ".ms.tar")
                    .put("checksum_url", "https://casda.example/checksum?token=abc123"));
        }
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                        + "VALUES ($1, $2, 'HIPASSJ1317-16', '72962', $3)", Uuid7.next(), module,
                new JsonObject().put("datasets", datasets).put("discovery_flags",
                        new JsonObject().put("ra_string", "13h").put("dec_string", "-16").put("vsys", "2505.3")));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    static CommandRun graph(String... args) {
        return CommandRun.of(new GraphCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret(),
                "BEAMPIPE_HOME", repo.toString())), args);
    }

    @Test
    void preparesDeterministicallyWithoutStoringAnything() {
        CommandRun first = graph("prepare", "--project", module, "--source", "HIPASSJ1317-16");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode j = first.json();
        assertThat(j.get("project_module").asText()).isEqualTo(module);
        assertThat(j.get("project_config_version").asInt()).isEqualTo(1);
        assertThat(j.get("source_graph_sha256").asText()).hasSize(64);
        assertThat(j.get("patched_graph_sha256").asText()).isNotEqualTo(j.get("source_graph_sha256").asText());
        assertThat(j.at("/patch_summary/manifest_injected").asBoolean()).isTrue();
        assertThat(j.has("patched_graph")).isFalse();
        CommandRun again = graph("prepare", "--project", module, "--source", "HIPASSJ1317-16", "--full");
        assertThat(again.json().get("patched_graph_sha256")).isEqualTo(j.get("patched_graph_sha256"));
        assertThat(again.json().at("/manifest/sources/0/sbids/0/datasets").size()).isEqualTo(2);
        assertThat(again.out()).doesNotContain("abc123");
        assertThat(db.sql().count("SELECT count(*) FROM batch_execution_record")).isZero();
    }

    @Test
    void badInputIsAClearError() {
        CommandRun unknownSource = graph("prepare", "--project", module, "--source", "unknown");
        assertThat(unknownSource.exit()).isEqualTo(1);
        assertThat(unknownSource.err()).contains("graph preparation failed: manifest has no usable datasets");
        CommandRun noProject = graph("prepare", "--project", "no_such_module", "--source", "a");
        assertThat(noProject.err()).contains("has no active project config");
        assertThat(graph("prepare", "--project", module).exit()).isEqualTo(2);
    }
}
