package dev.beampipe.model.discovery.persist;

import dev.beampipe.model.sources.SourceBackoff;
import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.DiscoveryBackoff;
import dev.beampipe.model.discovery.SourceClaims.Claim;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.beampipe.model.discovery.persist.PersistFixture.failed;
import static dev.beampipe.model.discovery.persist.PersistFixture.prepared;
import static dev.beampipe.model.discovery.persist.PersistFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The discovery failure backoff in the real claim query (our fix of 10-state §8.3 item 33): the SQL rule equals
 * {@link DiscoveryBackoff}, a failed source is not re-claimed before its backoff and is after it, and the manual
 * trigger resets it.
 */
class FailureBackoffTest {
    static TestDatabase testDb;
    static Database db;
    PersistFixture f;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    @BeforeEach
    void fixture() {
        f = new PersistFixture(db);
    }

    boolean claimable() {
        return f.claims.claim(f.module, 24, 10, 60).map(c -> f.claims.release(f.module, c.token()) == 1).orElse(false);
    }

    void failedAttempt(int failures, long secondsAgo) {
        db.sql().update("UPDATE source_registry SET last_checked_at = NULL, discovery_failures = $2, "
                + "last_attempted_at = now() - make_interval(secs => $3::int) WHERE project_module = $1",
                f.module, failures, (int) secondsAgo);
    }

    @ParameterizedTest(name = "{0} failures")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void sqlAndJavaAgree(int failures) {
        long expected = SourceBackoff.delay(failures).toSeconds();
        assertThat(db.sql().first("SELECT extract(epoch FROM " + SourceBackoff.sqlDelay("$1::int") + ")::bigint",
                r -> r.getLong(0), failures).orElseThrow()).isEqualTo(expected);

        f.sources("s");
        failedAttempt(failures, expected - 5);
        assertThat(claimable()).as("5 s before the backoff ends").isFalse();
        failedAttempt(failures, expected + 5);
        assertThat(claimable()).as("5 s after the backoff ended").isTrue();
    }

    @Test
    void aFailedSourceIsNotReclaimedBeforeItsBackoffAndIsAfter() {
        f.sources("s");
        Claim claim = f.claim(List.of("s"));
        f.persistence.persist(f.module, claim.token(), List.of(failed("s", false, "boom")), SignatureOptions.ABSENT);
        assertThat(f.registry("s").failures()).isEqualTo(1);
        assertThat(f.registry("s").lastCheckedAt()).isNull();

        assertThat(claimable()).as("due by staleness, but backing off").isFalse();

        db.sql().update("UPDATE source_registry SET last_attempted_at = now() - interval '61 seconds' "
                + "WHERE project_module = $1", f.module);
        Claim again = f.claims.claim(f.module, 24, 10, 60).orElseThrow();
        f.persistence.persist(f.module, again.token(), List.of(failed("s", true, "TAP timeout")), SignatureOptions.ABSENT);
        assertThat(f.registry("s").failures()).isEqualTo(2);

        db.sql().update("UPDATE source_registry SET last_attempted_at = now() - interval '61 seconds' "
                + "WHERE project_module = $1", f.module);
        assertThat(claimable()).as("second failure: 120 s").isFalse();
        db.sql().update("UPDATE source_registry SET last_attempted_at = now() - interval '121 seconds' "
                + "WHERE project_module = $1", f.module);
        Claim third = f.claims.claim(f.module, 24, 10, 60).orElseThrow();
        f.persistence.persist(f.module, third.token(), List.of(prepared("s", record("1", "d", null))), SignatureOptions.ABSENT);
        assertThat(f.registry("s").failures()).as("a success resets").isZero();
    }

    @Test
    void theManualTriggerResetsTheBackoff() {
        f.sources("s");
        Claim claim = f.claim(List.of("s"));
        f.persistence.persist(f.module, claim.token(), List.of(failed("s", false, "boom")), SignatureOptions.ABSENT);
        db.sql().update("UPDATE source_registry SET discovery_failures = 8 WHERE project_module = $1", f.module);
        assertThat(claimable()).isFalse();

        List<String> marked = db.inTransaction(sql -> new SourceRegistry(db).markForRediscovery(sql, f.module, null));

        assertThat(marked).containsExactly("s");
        assertThat(f.registry("s").failures()).isZero();
        assertThat(f.registry("s").lastAttemptedAt()).isNull();
        assertThat(claimable()).isTrue();
    }
}
