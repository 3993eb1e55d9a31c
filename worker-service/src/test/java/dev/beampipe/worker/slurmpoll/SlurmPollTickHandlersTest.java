package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.worker.runtime.HandlerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production wiring owns its SSH client and session pool, and closing the worker's handlers closes them. */
class SlurmPollTickHandlersTest {
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

    @Test
    void closingTheHandlerRegistryClosesTheTicksSessionPool() {
        SlurmPollTickHandler tick = SlurmPollTickHandlers.create(db, Map.of("BEAMPIPE_USE_REAL_BACKENDS", "true"),
                new SlurmPollMetrics(new SimpleMeterRegistry()));
        new HandlerRegistry().register(tick).close();
        assertThatThrownBy(() -> tick.pool().withSession(new SshTarget("127.0.0.1", 22, "beampipe", null), null,
                shell -> null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
