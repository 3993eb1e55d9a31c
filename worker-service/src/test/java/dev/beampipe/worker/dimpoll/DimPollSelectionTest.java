package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The tick's selection, one seeded row per case (real PostgreSQL): every condition of {@link DimPollTargets} has a
 * row it alone excludes, and a neighbour it must keep, so removing or loosening any condition fails a case.
 */
class DimPollSelectionTest {
    private static TestDatabase t;
    private static ManualClock clock;
    private static DaliugeSimulator sim;

    @BeforeAll
    static void start() {
        t = TestDatabase.create();
        clock = new ManualClock(Instant.parse("2026-08-22T10:00:00Z"));
        sim = PollFixture.simulator(clock);
    }

    @AfterAll
    static void stop() {
        sim.close();
        t.close();
    }

    private static final String RUNNING_EXECUTE = "INSERT INTO jobs (uuid, kind, payload, status, execution_id, "
            + "lease_expires_at, locked_until) VALUES ($1, '%s', '{}', '%s', $2, %s, %s)";

    static String job(String kind, String status, String leaseExpires, String lockedUntil) {
        return RUNNING_EXECUTE.formatted(kind, status, leaseExpires, lockedUntil);
    }

    static final String FUTURE = "now() + interval '1 minute'";
    static final String PAST = "now() - interval '1 minute'";

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, row update (null: as the receipt leaves it), job insert, worker real, selected
                arguments("a running REST execution", null, null, true, true),
                arguments("another scheduler", "scheduler_name = 'slurm'", null, true, false),
                arguments("no session id", "daliuge_session_id = NULL", null, true, false),
                arguments("an empty session id", "daliuge_session_id = ''", null, true, false),
                arguments("awaiting the scheduler with a confirmed submission",
                        "status = 'awaiting_scheduler', submission_state = 'submitted'", null, true, false),
                arguments("awaiting the scheduler with an uncertain submission",
                        "status = 'awaiting_scheduler', submission_state = 'uncertain'", null, true, true),
                arguments("pending with an in-flight submission",
                        "status = 'pending', submission_state = 'in_flight'", null, true, true),
                arguments("a terminal status without outcome (uncertain submission)",
                        "status = 'failed', submission_state = 'uncertain'", null, true, false),
                arguments("not_submitted (uncertain submission)",
                        "status = 'not_submitted', submission_state = 'uncertain'", null, true, false),
                arguments("an outcome on a running row", "terminal_outcome = 'failed'", null, true, false),
                arguments("DALiuGE finished", "daliuge_state = 'finished'", null, true, false),
                arguments("DALiuGE failed", "daliuge_state = 'failed'", null, true, false),
                arguments("DALiuGE cancelled", "daliuge_state = 'cancelled'", null, true, false),
                arguments("DALiuGE state unknown yet", "daliuge_state = NULL", null, true, true),
                arguments("DALiuGE unreachable", "daliuge_state = 'unreachable'", null, true, true),
                arguments("operator-abandoned", "submission_abandoned_at = now()", null, true, false),
                arguments("a live execute lease", null, job("execute", "running", FUTURE, FUTURE), true, false),
                arguments("an execute lease without expiry", null, job("execute", "running", "NULL", PAST), true, false),
                arguments("an execute lease without locked_until", null, job("execute", "running", PAST, "NULL"), true, false),
                arguments("a half-expired execute lease", null, job("execute", "running", FUTURE, PAST), true, false),
                arguments("an expired execute lease", null, job("execute", "running", PAST, PAST), true, true),
                arguments("a queued execute job", null, job("execute", "queued", FUTURE, FUTURE), true, true),
                arguments("a leased dim_poll job", null, job("dim_poll", "running", FUTURE, FUTURE), true, true),
                arguments("recorded dry run on a real worker", "@dry_run", null, true, false),
                arguments("recorded real on a dry-run worker", "@real", null, false, true),
                arguments("no recorded mode on a dry-run worker", null, null, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selection(String name, String update, String jobInsert, boolean workerReal, boolean selected) {
        t.db().sql().update("DELETE FROM jobs");
        t.db().sql().update("DELETE FROM batch_execution_record");
        PollFixture fx = new PollFixture(t.db(), sim, clock);
        UUID id = fx.submitted("SEL", false);
        if (update != null && update.startsWith("@")) {
            fx.mode(id, update.substring(1));
        } else if (update != null) {
            fx.set(id, update);
        }
        if (jobInsert != null) {
            t.db().sql().update(jobInsert, Uuid7.next(), id);
        }
        assertThat(DimPollTargets.pending(t.db().sql(), 10, workerReal)).extracting(DimPollTarget::executionId)
                .as(name).isEqualTo(selected ? java.util.List.of(id) : java.util.List.of());
    }
}
