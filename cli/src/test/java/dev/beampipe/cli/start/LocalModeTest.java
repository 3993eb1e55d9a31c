package dev.beampipe.cli.start;

import dev.beampipe.cli.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalModeTest {
    @TempDir
    Path dir;

    @Test
    void layoutKeepsStateUnderHomeLocal() {
        LocalLayout layout = LocalLayout.of(new Home(dir));
        assertThat(layout.postgresData()).isEqualTo(dir.resolve("local/postgres"));
        assertThat(layout.log("api")).isEqualTo(dir.resolve("local/logs/api.log"));
        assertThat(layout.pidFile()).isEqualTo(dir.resolve("local/beampipe.pid"));
    }

    @Test
    void tailShowsOnlyTheLastRunsLastLines() throws IOException {
        Path log = dir.resolve("worker.log");
        Files.write(log, List.of(ServiceLauncher.RUN_MARKER + "worker-service at t0", "old failure",
                ServiceLauncher.RUN_MARKER + "worker-service at t1", "line 1", "line 2", "line 3"));
        String tail = LocalMode.tail(log, 2);
        assertThat(tail).contains("line 2", "line 3").doesNotContain("line 1", "old failure");
        assertThat(LocalMode.tail(log, 10)).contains("line 1").doesNotContain("old failure");
    }

    @Test
    void launcherCommandUsesTheGivenJavaAndJar() {
        ServiceLauncher launcher = new ServiceLauncher("/jdk/bin/java", null, dir, java.util.Map.of("A", "1"));
        assertThat(launcher.command(Path.of("/repo/api-service/target/quarkus-app/quarkus-run.jar")))
                .containsExactly("/jdk/bin/java", "-jar", "/repo/api-service/target/quarkus-app/quarkus-run.jar");
        assertThat(launcher.environment(java.util.Map.of("A", "2", "B", "3"))).containsEntry("A", "2").containsEntry("B", "3");
        assertThat(ServiceLauncher.currentJava()).endsWith("java");
    }
}
