package dev.beampipe.cli;

import dev.beampipe.model.BuildInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged CLI's global behaviour: version, exit codes, streams. */
class CliIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final PackagedCli cli = new PackagedCli();

    @TempDir
    Path dir;

    @Test
    void versionGoesToStdoutAndExitsZero() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            PackagedCli.Result r = cli.run(dir, Map.of(), List.of(), TIMEOUT, flag);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out().strip()).isEqualTo("beampipe " + BuildInfo.version());
        }
    }

    @Test
    void usageErrorsExitTwoWithNothingOnStdout() throws Exception {
        PackagedCli.Result r = cli.run(dir, Map.of(), List.of(), TIMEOUT, "start", "--worker", "perhaps");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--worker");
    }
}
