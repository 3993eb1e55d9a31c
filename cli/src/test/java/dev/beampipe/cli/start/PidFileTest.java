package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesOurPidAndRemovesItOnClose() {
        Path path = dir.resolve("local/beampipe.pid");
        try (PidFile ignored = PidFile.acquire(path)) {
            assertThat(PidFile.read(path)).hasValue(ProcessHandle.current().pid());
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void aStaleFileIsReplaced() throws IOException {
        Path path = dir.resolve("beampipe.pid");
        Files.writeString(path, "999999999\n");
        try (PidFile ignored = PidFile.acquire(path)) {
            assertThat(PidFile.read(path)).hasValue(ProcessHandle.current().pid());
        }
    }

    @Test
    void aLiveOwnerIsRefused() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Path path = dir.resolve("beampipe.pid");
            Files.writeString(path, other.pid() + "\n");
            assertThatThrownBy(() -> PidFile.acquire(path))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining(Long.toString(other.pid()));
            assertThat(PidFile.read(path)).hasValue(other.pid());
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
