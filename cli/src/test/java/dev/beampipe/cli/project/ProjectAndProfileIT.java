package dev.beampipe.cli.project;

import dev.beampipe.cli.PackagedCli;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The project and profile commands as an operator runs them (packaged CLI, real PostgreSQL). */
class ProjectAndProfileIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final PackagedCli cli = new PackagedCli();

    @TempDir
    Path dir;

    Path example(String name) {
        return PackagedCli.repositoryRoot().resolve("config/examples").resolve(name);
    }

    @Test
    void theWallabyReferenceConfigIsValidWithAStableHashAcrossRunsAndReformatting() throws Exception {
        Path wallaby = ReferenceFiles.path("config/wallaby_hires.v2.yaml");
        PackagedCli.Result first = cli.run(dir, Map.of(), List.of(), TIMEOUT, "project", "validate", "-f", wallaby.toString());
        PackagedCli.Result second = cli.run(dir, Map.of(), List.of(), TIMEOUT, "project", "validate", "-f", wallaby.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"valid\": true", "\"errors\": []", "\"project_id\": \"wallaby_hires\"");
        assertThat(second.out()).isEqualTo(first.out());

        // comment lines dropped, top-level sections in reverse order with extra blank lines between them
        // (blank lines inside a section would change block scalars, which is a content change)
        List<String> lines = Files.readAllLines(wallaby).stream().filter(l -> !l.strip().startsWith("#")).toList();
        StringBuilder current = new StringBuilder();
        java.util.LinkedList<String> sections = new java.util.LinkedList<>();
        for (String line : lines) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && current.length() > 0) {
                sections.addFirst(current.toString());
                current.setLength(0);
            }
            if (!line.isBlank()) {
                current.append(line).append("\n");
            }
        }
        sections.addFirst(current.toString());
        sections.replaceAll(section -> section + "\n\n");
        Path reformatted = dir.resolve("wallaby-reformatted.yaml");
        Files.writeString(reformatted, "# reformatted by the test\n" + String.join("", sections));
        assertThat(Files.readString(reformatted)).isNotEqualTo(Files.readString(wallaby));
        PackagedCli.Result third = cli.run(dir, Map.of(), List.of(), TIMEOUT, "project", "validate", "-f", reformatted.toString());
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).isEqualTo(first.out());
    }

    @Test
    void anInvalidDocumentPrintsItsReportAndExitsOne() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: beampipe.dev/v2\nkind: ProjectConfig\nmetadata:\n  id: strict-cli-test\n  unknown_field: 1\n");
        PackagedCli.Result r = cli.run(dir, Map.of(), List.of(), TIMEOUT, "project", "validate", "-f", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"path\": \"metadata.unknown_field\"", "\"code\": \"invalid_config_structure\"",
                "\"message\": \"unknown field `unknown_field`, expected `id` or `description`\"", "\"valid\": false");
        PackagedCli.Result missing = cli.run(dir, Map.of(), List.of(), TIMEOUT, "project", "validate", "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Error: cannot read");
    }

    @Test
    void uploadsBecomeVersionsAndProfilesUpsertByName() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            // the example config's graph path is relative to the installation home (here: the repository)
            Map<String, String> env = Map.of("DATABASE_URL", db.url().toUrlWithSecret(),
                    "BEAMPIPE_HOME", PackagedCli.repositoryRoot().toString());
            String config = example("hipass_sample.v2.yaml").toString();
            assertThat(cli.run(dir, env, List.of(), TIMEOUT, "project", "add", "-f", config).exitCode()).isZero();
            PackagedCli.Result upload = cli.run(dir, env, List.of(), TIMEOUT, "project", "upload", "-f", config);
            assertThat(upload.exitCode()).as(upload.err()).isZero();
            assertThat(upload.out()).contains("\"project_id\": \"hipass_sample\"", "\"valid\": true");
            Database d = db.db();
            assertThat(d.sql().list("SELECT version || ':' || active FROM project_configs ORDER BY version", r -> r.getString(0)))
                    .containsExactly("1:false", "2:true");
            assertThat(d.sql().count("SELECT count(*) FROM project_config_graphs g JOIN project_configs c "
                    + "ON c.uuid = g.project_config_id WHERE g.graph_sha256 = c.spec->'graph'->>'sha256'")).isEqualTo(2);

            Path tampered = dir.resolve("tampered.v2.yaml");
            Files.writeString(tampered, Files.readString(Path.of(config)).replaceAll("sha256: [0-9a-f]{64}", "sha256: " + "0".repeat(64)));
            PackagedCli.Result refused = cli.run(dir, env, List.of(), TIMEOUT, "project", "add", "-f", tampered.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("graph.sha256: graph SHA-256 mismatch", "[graph_sha256_mismatch]");
            assertThat(d.sql().count("SELECT count(*) FROM project_configs")).isEqualTo(2);

            String slurm = example("deployment_profile.hpc-slurm.yaml").toString();
            assertThat(cli.run(dir, env, List.of(), TIMEOUT, "profile", "add", "-f", slurm).exitCode()).isZero();
            PackagedCli.Result again = cli.run(dir, env, List.of(), TIMEOUT, "profile", "add", "-f", slurm);
            assertThat(again.err()).contains("is unchanged (revision 1)");
            assertThat(cli.run(dir, env, List.of(), TIMEOUT, "profile", "add", "-f",
                    example("deployment_profile.local-dim.json").toString()).exitCode()).isZero();
            PackagedCli.Result render = cli.run(dir, env, List.of(), TIMEOUT, "profile", "render", "hpc-slurm");
            assertThat(render.out()).contains("\"#SBATCH --time=02:05:00\"", "\"ssh_credential\": \"hpc-example\"");
            assertThat(cli.run(dir, env, List.of(), TIMEOUT, "profile", "render", "local-dim").out())
                    .contains("\"manager_url\": \"http://127.0.0.1:8001\"");
            PackagedCli.Result validate = cli.run(dir, env, List.of(), TIMEOUT, "profile", "validate", "hpc-slurm");
            assertThat(validate.exitCode()).isZero();
            assertThat(validate.out()).contains("\"valid\": true", "\"revision\": 1");
            assertThat(cli.run(dir, env, List.of(), TIMEOUT, "profile", "validate", "nope").exitCode()).isEqualTo(1);
        }
    }
}
