package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.BuildInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppHomeTest {
    @TempDir
    Path repo;

    private Path jar(String module) throws IOException {
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "jar");
    }

    @Test
    void walksUpFromTheCliJarToTheRepositoryRoot() throws IOException {
        Path cliJar = jar("cli");
        Path api = jar("api-service");
        Path scheduler = jar("scheduler-service");
        Path worker = jar("worker-service");

        AppHome home = AppHome.locate(null, List.of(cliJar));

        assertThat(home.root()).isEqualTo(repo.toAbsolutePath().normalize());
        assertThat(home.jars(EnumSet.of(Service.API, Service.SCHEDULER, Service.WORKER)))
                .containsEntry(Service.API, api)
                .containsEntry(Service.SCHEDULER, scheduler)
                .containsEntry(Service.WORKER, worker);
    }

    @Test
    void appHomeEnvironmentWins() throws IOException {
        jar("api-service");
        Path elsewhere = Files.createDirectories(repo.resolve("elsewhere/bin"));
        assertThat(AppHome.locate(repo.toString(), List.of(elsewhere)).root()).isEqualTo(repo.toAbsolutePath());
    }

    @Test
    void appHomeWithoutServicesIsAClearError() {
        assertThatThrownBy(() -> AppHome.locate(repo.toString(), List.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("BEAMPIPE_APP_HOME=");
    }

    @Test
    void nothingFoundAsksForAppHome() throws IOException {
        Path lonely = Files.createDirectories(repo.resolve("a/b"));
        assertThatThrownBy(() -> AppHome.locate(null, List.of(lonely)))
                .isInstanceOf(CliException.class).hasMessageContaining("BEAMPIPE_APP_HOME");
    }

    @Test
    void missingJarsAreNamedWithTheBuildCommand() throws IOException {
        jar("scheduler-service");
        Files.createDirectories(repo.resolve("api-service"));
        AppHome home = AppHome.locate(null, List.of(repo.resolve("cli/target/quarkus-app/quarkus-run.jar")));

        assertThatThrownBy(() -> home.jars(EnumSet.of(Service.SCHEDULER, Service.API, Service.WORKER)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("api-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("worker-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageNotContaining("scheduler-service/")
                .hasMessageContaining("mvn -DskipTests install");
        assertThat(home.jars(EnumSet.of(Service.SCHEDULER))).containsKey(Service.SCHEDULER);
    }

    @Test
    void distributionLayoutIsAccepted() throws IOException {
        Path dist = repo.resolve("worker-service/quarkus-run.jar");
        Files.createDirectories(dist.getParent());
        Files.writeString(dist, "jar");
        assertThat(AppHome.locate(repo.toString(), List.of()).jar(Service.WORKER)).contains(dist);
    }

    @Test
    void theSimulatorIsTheModulesVersionedJarOrTheDistributionsPlainOne() throws IOException {
        jar("api-service");
        AppHome home = AppHome.locate(repo.toString(), List.of());
        assertThat(home.jar(Service.TAP_SIMULATOR)).isEmpty();
        assertThatThrownBy(() -> home.jars(EnumSet.of(Service.TAP_SIMULATOR, Service.API)))
                .hasMessageContaining("simulators/target/simulators-" + BuildInfo.version() + ".jar")
                .hasMessageNotContaining("api-service");

        Path dist = Files.createDirectories(repo.resolve("simulators")).resolve("simulators.jar");
        Files.writeString(dist, "jar");
        assertThat(home.jar(Service.TAP_SIMULATOR)).contains(dist);
        Path built = Files.createDirectories(repo.resolve("simulators/target")).resolve("simulators-" + BuildInfo.version() + ".jar");
        Files.writeString(built, "jar");
        assertThat(home.jar(Service.TAP_SIMULATOR)).contains(built);
        // a folder holding only the simulators is not a beampipe root
        Path lonely = Files.createDirectories(repo.resolve("x/simulators")).getParent();
        assertThatThrownBy(() -> AppHome.locate(lonely.toString(), List.of())).hasMessageContaining("BEAMPIPE_APP_HOME=");
    }
}
