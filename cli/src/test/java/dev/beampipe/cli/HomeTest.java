package dev.beampipe.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HomeTest {

    @Test
    void flagWinsOverEnvironment() {
        assertThat(Home.resolve("/opt/bp", Map.of("BEAMPIPE_HOME", "/env/bp", "HOME", "/home/u")).path())
                .isEqualTo(Path.of("/opt/bp"));
    }

    @Test
    void nonEmptyBeampipeHomeWinsOverTheDefault() {
        assertThat(Home.resolve(null, Map.of("BEAMPIPE_HOME", "/env/bp", "HOME", "/home/u")).path())
                .isEqualTo(Path.of("/env/bp"));
        assertThat(Home.resolve(null, Map.of("BEAMPIPE_HOME", "  ", "HOME", "/home/u")).path())
                .isEqualTo(Path.of("/home/u/beampipe"));
    }

    @Test
    void defaultIsBeampipeUnderTheUsersHome() {
        assertThat(Home.resolve("", Map.of("HOME", "/home/u")).path()).isEqualTo(Path.of("/home/u/beampipe"));
    }
}
