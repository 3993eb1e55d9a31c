package dev.beampipe.model.sources;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The source failure backoff (discovery failures and re-pended executions) min(60 s · 2^(n−1), 1 h) as a table, and its SQL form agreeing with it. */
class SourceBackoffTest {
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    @ParameterizedTest(name = "{0} failures → {1} s")
    @CsvSource({"-1, 0", "0, 0", "1, 60", "2, 120", "3, 240", "4, 480", "5, 960", "6, 1920", "7, 3600", "8, 3600",
            "31, 3600", "2147483647, 3600"})
    void delayTable(int failures, long seconds) {
        assertThat(SourceBackoff.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void sqlAgreesWithJava() {
        for (int n = 1; n <= 12; n++) {
            long sql = db.sql().first("SELECT EXTRACT(EPOCH FROM " + SourceBackoff.sqlDelay("$1::int") + ")::bigint",
                    r -> r.getLong(0), n).orElseThrow();
            assertThat(sql).as("%d failures", n).isEqualTo(SourceBackoff.delay(n).toSeconds());
        }
    }
}
