package dev.beampipe.cli.execution;

import dev.beampipe.cli.PackagedCli;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged CLI's operator commands: wiring, streams and exit codes as an operator sees them. */
class OperatorCommandsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static TestDatabase database;
    private static DaliugeSimulator sim;
    private final PackagedCli cli = new PackagedCli();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        sim = DaliugeSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
        database.close();
    }

    Map<String, String> env() {
        return Map.of("DATABASE_URL", database.url().toUrlWithSecret());
    }

    @Test
    void retryAndCancelSpeakJsonAndExitCodes() throws Exception {
        Database db = database.db();
        UUID pending = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name) "
                + "VALUES ($1, 'm', $2, 'casda')", pending, new JsonArray());

        PackagedCli.Result refused = cli.run(dir, env(), List.of(), TIMEOUT, "execution", "retry", pending.toString(),
                "--reason", "x");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("Error: execution_not_failed:");

        PackagedCli.Result cancelled = cli.run(dir, env(), List.of(), TIMEOUT, "scheduler", "cancel", pending.toString());
        assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("\"cancelled\": true");

        PackagedCli.Result noDb = cli.run(dir, Map.of(), List.of("DATABASE_URL"), TIMEOUT, "execution", "cancel",
                pending.toString());
        assertThat(noDb.exitCode()).isEqualTo(1);
        assertThat(noDb.err()).contains("DATABASE_URL is not set");
    }

    @Test
    void daliugeInspectionReachesTheManagers() throws Exception {
        PackagedCli.Result r = cli.run(dir, Map.of("BEAMPIPE_TM_URL", sim.tmBase().toString(),
                "BEAMPIPE_DIM_URL", sim.dimBase().toString()), List.of("DATABASE_URL"), TIMEOUT, "daliuge", "ping");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"translator\"", "\"nodes\"", "daliuge.version_unreported");
        PackagedCli.Result sessions = cli.run(dir, Map.of("BEAMPIPE_DIM_URL", sim.dimBase().toString()),
                List.of("DATABASE_URL"), TIMEOUT, "daliuge", "sessions");
        assertThat(sessions.exitCode()).as(sessions.err()).isZero();
        assertThat(sessions.out().strip()).startsWith("[");
    }
}
