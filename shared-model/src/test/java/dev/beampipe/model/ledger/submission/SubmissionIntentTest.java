package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.beampipe.model.ledger.LedgerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code begin_execution_submission} (10-state §2.5, §7.5 item 42; 40-backends §7.3). */
class SubmissionIntentTest {
    static final String SID = "BeampipeExecution-intent";
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

    static SubmissionIntent.Outcome begin(UUID id) {
        return SubmissionIntent.begin(db, id, "daliuge", SID, "http://dim:8001", 1800, null);
    }

    static JsonObject intentObservation(UUID id) {
        return db.sql().first("SELECT jsonb_build_object('kind', kind, 'normalized', normalized_state, 'raw', raw_state, "
                        + "'payload', payload, 'observed_at', observed_at) FROM execution_observations WHERE execution_id = $1 "
                        + "AND raw_state = 'intent_persisted'", r -> (JsonObject) r.getValue(0), id).orElseThrow();
    }

    @Test
    void theIntentIsPersistedWithADeadlineOnTheDatabaseClockAndASecondBeginIsRefused() {
        UUID id = execution(db, module(), "running", "A");
        SubmissionIntent.Begun begun = (SubmissionIntent.Begun) begin(id);

        assertThat(begun.deadline()).isEqualTo(begun.intentAt().plusSeconds(1800));
        JsonObject row = row(db, id);
        assertThat(row.getString("control_phase")).isEqualTo("submission_pending");
        assertThat(row.getString("submission_state")).isEqualTo("in_flight");
        assertThat(row.getString("scheduler_name")).isEqualTo("daliuge");
        assertThat(row.getString("daliuge_session_id")).isEqualTo(SID);
        assertThat(row.getString("daliuge_manager_url")).isEqualTo("http://dim:8001");
        assertThat(row.getString("daliuge_state")).isEqualTo("not_created");
        assertThat(row.getString("status")).isEqualTo("running");
        assertThat(OffsetDateTime.parse(row.getString("submission_deadline_at"))).isEqualTo(begun.deadline());
        assertThat(OffsetDateTime.parse(row.getString("last_reconciled_at"))).isEqualTo(begun.intentAt());
        assertThat(OffsetDateTime.parse(row.getJsonObject("phase_timestamps").getString("submission_pending")))
                .isEqualTo(begun.intentAt());
        JsonObject observation = intentObservation(id);
        assertThat(observation.getString("kind")).isEqualTo("daliuge_session");
        assertThat(observation.getString("normalized")).isEqualTo("in_flight");
        assertThat(OffsetDateTime.parse(observation.getString("observed_at")).plusSeconds(1800)).isEqualTo(begun.deadline());
        JsonObject payload = observation.getJsonObject("payload");
        assertThat(payload.getString("daliuge_session_id")).isEqualTo(SID);
        assertThat(payload.getString("backend")).isEqualTo("daliuge");
        assertThat(payload.getLong("submission_timeout_seconds")).isEqualTo(1800);
        assertThat(OffsetDateTime.parse(payload.getString("submission_deadline_at"))).isEqualTo(begun.deadline());
        assertThat(payload.containsKey("target_fingerprint")).isTrue();

        assertThat(begin(id)).isEqualTo(new SubmissionIntent.AlreadyBegun("running", "in_flight"));
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1", id)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"running, in_flight", "running, uncertain", "awaiting_scheduler, submitted", "failed, not_started",
            "completed, not_started", "cancelled, failed", "not_submitted, not_started"})
    void aHeldOrTerminalExecutionIsNotBegun(String status, String submission) {
        UUID id = execution(db, module(), status, "A");
        set(db, id, "submission_state = $2", submission);
        JsonObject before = row(db, id);
        assertThat(begin(id)).isEqualTo(new SubmissionIntent.AlreadyBegun(status, submission));
        assertThat(row(db, id)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not_started", "preparing", "failed"})
    void beginsFromNotStartedPreparingOrFailedKeepingAnEarlierPhaseTimestamp(String submission) {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "submission_state = $2, phase_timestamps = '{\"submission_pending\":\"2026-01-01T00:00:00Z\"}'", submission);
        assertThat(begin(id)).isInstanceOf(SubmissionIntent.Begun.class);
        assertThat(row(db, id).getJsonObject("phase_timestamps").getString("submission_pending"))
                .isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aNullSubmissionStateReadsAsNotStarted() {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "submission_state = NULL");
        assertThat(begin(id)).isInstanceOf(SubmissionIntent.Begun.class);
    }

    @Test
    void anUnknownSubmissionStateIsAnError() {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "submission_state = 'bogus'");
        assertThatThrownBy(() -> begin(id)).isInstanceOf(SubmissionRejected.class)
                .hasMessage("execution submission cannot begin from submission_state 'bogus'")
                .extracting(e -> ((SubmissionRejected) e).code()).isEqualTo("submission_state_invalid");
        assertThat(column(db, id, "submission_state")).isEqualTo("bogus");
    }

    @Test
    void anAbandonedExecutionIsNeverBegunAgain() {
        UUID id = execution(db, module(), "running", "A");
        set(db, id, "submission_abandoned_at = now()");
        assertThat(begin(id)).isInstanceOf(SubmissionIntent.AlreadyBegun.class);
    }

    @Test
    void slurmIntentsNeedATargetFingerprint() {
        UUID id = execution(db, module(), "running", "A");
        assertThatThrownBy(() -> SubmissionIntent.begin(db, id, "slurm", SID, null, 1800, " "))
                .isInstanceOf(SubmissionRejected.class)
                .hasMessage("a Slurm submission intent requires a non-blank target fingerprint");
        SubmissionIntent.begin(db, id, "slurm", SID, null, 1800, "fp-1");
        assertThat(intentObservation(id).getJsonObject("payload").getString("target_fingerprint")).isEqualTo("fp-1");
        assertThat(column(db, id, "scheduler_name")).isEqualTo("slurm");
    }

    @Test
    void invalidArgumentsChangeNothing() {
        UUID id = execution(db, module(), "running", "A");
        JsonObject before = row(db, id);
        assertThatThrownBy(() -> SubmissionIntent.begin(db, id, "pbs", SID, null, 10, null))
                .hasMessage("scheduler_name must be slurm or daliuge, not 'pbs'");
        assertThatThrownBy(() -> SubmissionIntent.begin(db, id, "daliuge", "", null, 10, null))
                .hasMessage("daliuge_session_id must not be empty");
        assertThatThrownBy(() -> SubmissionIntent.begin(db, id, "daliuge", SID, null, 0, null))
                .hasMessage("submission timeout must be greater than 0 seconds");
        assertThat(row(db, id)).isEqualTo(before);
        assertThatThrownBy(() -> begin(UUID.randomUUID())).isInstanceOf(SubmissionRejected.class)
                .hasMessage("execution not found");
    }

    @ParameterizedTest
    @CsvSource({"100, 0, 100", "100, 99, 1", "100, 100, 0", "100, 250, 0"})
    void remainingBudgetIsZeroOnceTheDeadlinePassed(long deadlineAt, long nowAt, long seconds) {
        OffsetDateTime base = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        assertThat(SubmissionIntent.remaining(base.plusSeconds(deadlineAt), base.plusSeconds(nowAt)))
                .isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void remainingBudgetOnTheDatabaseClock() {
        UUID id = execution(db, module(), "running", "A");
        assertThat(db.<Duration>inTransaction(sql -> SubmissionIntent.remaining(sql, id))).isZero();
        begin(id);
        Duration left = db.inTransaction(sql -> SubmissionIntent.remaining(sql, id));
        assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1800));
        set(db, id, "submission_deadline_at = now() - interval '1 second'");
        assertThat(db.<Duration>inTransaction(sql -> SubmissionIntent.remaining(sql, id))).isZero();
    }

    @RepeatedTest(5)
    void racingWorkersBeginExactlyOnce() throws Exception {
        UUID id = execution(db, module(), "running", "A");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<SubmissionIntent.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return begin(id);
            }));
        }
        start.countDown();
        List<SubmissionIntent.Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<SubmissionIntent.Outcome> r : runs) {
            outcomes.add(r.get());
        }
        assertThat(outcomes).filteredOn(o -> o instanceof SubmissionIntent.Begun).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof SubmissionIntent.AlreadyBegun).hasSize(3);
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1", id)).isEqualTo(1);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
