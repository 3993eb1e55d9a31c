package dev.beampipe.cli.migrate;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.ErrorReporter;
import dev.beampipe.model.db.DatabaseUrl;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorTest {

    @Test
    void missingDatabaseUrlIsAClearError() {
        assertThatThrownBy(() -> Migrator.databaseUrl(Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("DATABASE_URL is not set");
        assertThatThrownBy(() -> Migrator.databaseUrl(Map.of("DATABASE_URL", " ")))
                .hasMessageContaining("DATABASE_URL is not set");
    }

    @Test
    void malformedDatabaseUrlIsAClearError() {
        assertThatThrownBy(() -> Migrator.databaseUrl(Map.of("DATABASE_URL", "mysql://u:pw@h/db")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("postgres://");
    }

    @Test
    void failuresNeverShowThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:hunter2secret@db.example:5432/bp");
        CliException e = Migrator.failure(url, new RuntimeException("could not log in with hunter2secret\nmore",
                new RuntimeException("FATAL: password hunter2secret rejected")));
        String shown = ErrorReporter.describe(e);
        assertThat(shown).doesNotContain("hunter2secret").contains("[REDACTED]", "db.example:5432/bp");
        assertThat(shown).doesNotContain("more");
    }
}
