package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.daliuge.Outcome;
import dev.beampipe.simulators.http.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DIM tick's polls against a real PostgreSQL and the in-process DIM simulator over HTTP (manual clock): the
 * selection, the ledger application in one row-locked transaction, terminal stickiness, errors, budgets, and
 * concurrent ticks.
 */
class DimPollTickTest {
    private static TestDatabase t;
    private static ManualClock clock;
    private static DaliugeSimulator sim;
    private PollFixture fx;

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

    @BeforeEach
    void reset() {
        sim.reset();
        t.db().sql().update("DELETE FROM jobs");
        t.db().sql().update("DELETE FROM batch_execution_record");
        t.db().sql().update("DELETE FROM source_registry");
        fx = new PollFixture(t.db(), sim, clock);
        clock.advanceMillis(1000);
    }

    double reconciled(String result) {
        Counter c = fx.meters.find("beampipe_reconciliation").tag("component", "daliuge").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void runningThenFinishedCompletesTheExecutionAndFinalizesItsSources() throws Exception {
        UUID id = fx.submitted("S1", false);
        fx.deploy(fx.sid(id));

        assertThat(fx.tick()).isEqualTo(1);
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(fx.text(id, "control_phase")).isEqualTo("monitoring");
        assertThat(fx.runRecord(id).getJsonObject("dim_poll").getInteger("round")).isEqualTo(1);
        assertThat(fx.runRecord(id).getJsonObject("dim").getJsonObject("last_observation").getString("session_state"))
                .isEqualTo("running");
        assertThat(fx.runRecord(id).getJsonObject("dim").getString("session_id")).isEqualTo(fx.sid(id));
        JsonObject observation = fx.lastObservation(id);
        assertThat(observation.getString("normalized")).isEqualTo("running");
        assertThat(observation.getJsonObject("payload").fieldNames()).contains("session_id", "status",
                "normalized_session_state", "per_node", "observed_at", "graph_status", "error_drop_uids");

        clock.advanceMillis(1000);
        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("completed");
        assertThat(fx.text(id, "terminal_outcome")).isEqualTo("succeeded");
        assertThat(fx.text(id, "control_phase")).isEqualTo("terminal");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("finished");
        assertThat(fx.text(id, "completed_at")).isNotNull();
        JsonObject terminal = fx.runRecord(id).getJsonObject("dim").getJsonObject("terminal");
        assertThat(terminal.getString("session_state")).isEqualTo("finished");
        assertThat(terminal.getString("ledger_status")).isEqualTo("completed");
        assertThat(terminal.getInteger("error_drops_count")).isZero();
        assertThat(fx.runRecord(id).getJsonObject("dim_poll").getInteger("round")).isEqualTo(1);
        assertThat(fx.sourcePending("S1")).isFalse();
        // the source's own signature, the one the "already executed" readiness check compares (10-state §2.2)
        assertThat(fx.sourceColumn("S1", "last_executed_discovery_signature")).isEqualTo(PollFixture.SIGNATURE);
        assertThat(fx.events(id, "execution.completed")).isEqualTo(1);
        assertThat(reconciled("observed")).isEqualTo(2);

        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();
    }

    @Test
    void finishedWithErrorDropsFailsTheExecutionAndRependsItsSources() throws Exception {
        UUID id = fx.submitted("S2", false);
        sim.dim().outcome(fx.sid(id), Outcome.FAIL_REPORTED_FINISHED);
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);

        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("failed");
        assertThat(fx.text(id, "terminal_outcome")).isEqualTo("failed");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("failed");
        assertThat(fx.text(id, "last_error")).contains("error drop");
        JsonObject terminal = fx.runRecord(id).getJsonObject("dim").getJsonObject("terminal");
        assertThat(terminal.getString("session_state")).isEqualTo("finished");
        assertThat(terminal.getInteger("error_drops_count")).isPositive();
        assertThat(terminal.getString("ledger_status")).isEqualTo("failed");
        assertThat(fx.manifest(id).getString("dim_logs_url")).isEqualTo(fx.dim() + "/api/sessions/" + fx.sid(id) + "/logs");
        assertThat(fx.sourcePending("S2")).isTrue();
        assertThat(fx.sourceColumn("S2", "consecutive_failures")).isEqualTo("1");
        assertThat(fx.events(id, "execution.failed")).isEqualTo(1);
    }

    @Test
    void aFailingSessionFailsTheExecution() throws Exception {
        UUID id = fx.submitted("S3", false);
        sim.dim().outcome(fx.sid(id), Outcome.FAIL);
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);

        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("failed");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("failed");
        assertThat(fx.runRecord(id).getJsonObject("dim").getJsonObject("terminal").getString("session_state"))
                .isEqualTo("failed");
        assertThat(fx.sourcePending("S3")).isTrue();
    }

    @Test
    void aNeverEndingSessionReachesItsRoundBudgetAndFailsWithDimPollTimeout() throws Exception {
        UUID id = fx.submitted("S4", false);
        fx.pinPolicy(id, new JsonObject().put("execution_rest_remote_poll_max_rounds", 2));
        assertThat(fx.target(id).maxRounds()).isEqualTo(2);
        sim.dim().outcome(fx.sid(id), Outcome.NEVER_END);
        fx.deploy(fx.sid(id));

        clock.advanceMillis(1000);
        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.runRecord(id).getJsonObject("dim_poll").getInteger("round")).isEqualTo(1);

        clock.advanceMillis(1000);
        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("failed");
        assertThat(fx.text(id, "last_error")).isEqualTo("DIM poll timeout");
        assertThat(fx.text(id, "failure_class")).isEqualTo("timeout");
        assertThat(fx.text(id, "terminal_outcome")).isEqualTo("failed");
        assertThat(fx.runRecord(id).getJsonObject("dim_poll").getInteger("round")).isEqualTo(2);
        JsonObject marker = fx.runRecord(id).getJsonObject("scheduler").getJsonObject("slurm_completion");
        assertThat(marker.getString("reason")).isEqualTo("poll_timeout");
        assertThat(marker.getString("error")).isEqualTo("DIM poll timeout");
        assertThat(fx.sourcePending("S4")).isTrue();
        assertThat(fx.events(id, "execution.failed")).isEqualTo(1);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();
    }

    @Test
    void aSessionStillBeingBuiltIsANormalObservationNotAnError() throws Exception {
        UUID id = fx.submitted("S5", false);
        fx.client().createSession(fx.sid(id));
        fx.client().appendGraph(fx.sid(id), PollFixture.graph().drops());

        fx.tick();
        assertThat(sim.dim().count("graph_status")).isEqualTo(1);
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("building");
        assertThat(fx.text(id, "failure_class")).isNull();
        assertThat(fx.runRecord(id).getJsonObject("dim_poll").getInteger("round")).isEqualTo(1);
        assertThat(fx.lastObservation(id).getJsonObject("payload").getValue("graph_status")).isNull();
        assertThat(reconciled("observed")).isEqualTo(1);
    }

    @Test
    void anUnknownSessionIsRecordedAsNotCreatedWithoutTerminalizingOrCountingARound() throws Exception {
        UUID id = fx.submitted("S6", false);

        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("not_created");
        assertThat(fx.text(id, "failure_class")).isEqualTo("not_found");
        assertThat(fx.text(id, "last_error")).contains("NoSessionException");
        assertThat(fx.runRecord(id).containsKey("dim_poll")).isFalse();
        JsonObject observation = fx.lastObservation(id);
        assertThat(observation.getString("normalized")).isEqualTo("not_created");
        assertThat(observation.getString("raw")).isEqualTo("not_found");
        assertThat(observation.getJsonObject("payload").getString("system_action"))
                .isEqualTo("retain the stable session identifier and reconcile again");
        assertThat(observation.getJsonObject("payload").getBoolean("retryable")).isFalse();
        assertThat(reconciled("not_found")).isEqualTo(1);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).extracting(DimPollTarget::executionId).containsExactly(id);

        // the session shows up (e.g. the DIM was restarted from its journal): the next successful poll clears the error
        fx.deploy(fx.sid(id));
        fx.tick();
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(fx.text(id, "failure_class")).isNull();
        assertThat(fx.text(id, "last_error")).isNull();
    }

    @Test
    void anUnreachableDimIsRecordedForItsExecutionOnlyWhileTheOthersArePolled() throws Exception {
        UUID down = fx.submitted("S7", false);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        fx.set(down, "daliuge_manager_url = $2", "http://127.0.0.1:" + closed);
        UUID up = fx.submitted("S8", false);
        fx.deploy(fx.sid(up));

        assertThat(fx.tick()).isEqualTo(2);
        assertThat(fx.text(down, "status")).isEqualTo("running");
        assertThat(fx.text(down, "daliuge_state")).isEqualTo("unreachable");
        assertThat(fx.text(down, "failure_class")).isEqualTo("connectivity");
        assertThat(fx.lastObservation(down).getString("raw")).isEqualTo("connectivity");
        assertThat(fx.lastObservation(down).getJsonObject("payload").getBoolean("retryable")).isTrue();
        assertThat(fx.text(up, "daliuge_state")).isEqualTo("running");
        assertThat(fx.text(up, "failure_class")).isNull();
        assertThat(reconciled("connectivity")).isEqualTo(1);
        assertThat(reconciled("observed")).isEqualTo(1);
    }

    @Test
    void requiredOutputVerificationKeepsAFinishedRunRunningInOutputVerification() throws Exception {
        UUID id = fx.submitted("S9", true);
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);

        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.text(id, "control_phase")).isEqualTo("output_verification");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("finished");
        assertThat(fx.text(id, "output_state")).isEqualTo("pending");
        assertThat(fx.text(id, "terminal_outcome")).isNull();
        assertThat(fx.text(id, "completed_at")).isNull();
        JsonObject terminal = fx.runRecord(id).getJsonObject("dim").getJsonObject("terminal");
        assertThat(terminal.getString("session_state")).isEqualTo("finished");
        assertThat(terminal.containsKey("ledger_status")).isFalse();
        assertThat(fx.sourcePending("S9")).isTrue();
        assertThat(fx.events(id, "execution.completed")).isZero();
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();
    }

    @Test
    void aCancelledExecutionStaysCancelledWhenALateFinishedPollArrives() throws Exception {
        UUID id = fx.submitted("S10", false);
        fx.deploy(fx.sid(id));
        DimPollTarget inFlight = fx.target(id);
        fx.set(id, "status = 'cancelled', terminal_outcome = 'cancelled', control_phase = 'terminal', completed_at = now()");
        String before = t.db().sql().first("SELECT row_to_json(e)::jsonb - 'updated_at' FROM batch_execution_record e "
                + "WHERE uuid = $1", r -> r.getValue(0).toString(), id).orElseThrow();
        long observations = fx.observations(id);
        clock.advanceMillis(1000);

        DimPollLedger.Applied applied = fx.poller().pollOne(fx.client(), inFlight, "late");
        assertThat(applied.effect()).isEqualTo(DimPollLedger.Effect.IGNORED_TERMINAL);
        assertThat(applied.enteredTerminal()).isFalse();
        String after = t.db().sql().first("SELECT row_to_json(e)::jsonb - 'updated_at' FROM batch_execution_record e "
                + "WHERE uuid = $1", r -> r.getValue(0).toString(), id).orElseThrow();
        assertThat(after).isEqualTo(before);
        assertThat(fx.text(id, "status")).isEqualTo("cancelled");
        assertThat(fx.observations(id)).isEqualTo(observations + 1);
        assertThat(fx.lastObservation(id).getString("normalized")).isEqualTo("finished");
        assertThat(fx.events(id, "execution.completed")).isZero();
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();
    }

    @Test
    void anUncertainSubmissionWhoseSessionExistsIsObservedResumesPollingAndCompletesWithoutAForgedReceipt() throws Exception {
        UUID id = fx.submitted("S11", false);
        fx.set(id, "status = 'awaiting_scheduler', submission_state = 'uncertain', daliuge_state = 'not_created', "
                + "control_phase = 'submission_pending', workflow_manifest = NULL");
        fx.deploy(fx.sid(id));

        fx.tick();
        assertThat(fx.text(id, "submission_state")).isEqualTo("uncertain");
        assertThat(fx.text(id, "physical_graph_sha256")).isNull();
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(fx.text(id, "status")).isEqualTo("awaiting_scheduler");
        assertThat(fx.text(id, "control_phase")).isEqualTo("monitoring");
        assertThat(t.db().sql().count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1", id)).isZero();
        assertThat(fx.events(id, "execution.reconciliation_mismatch")).isEqualTo(1);
        assertThat(fx.lastObservation(id).getString("reason")).contains("unconfirmed submission (uncertain)");

        clock.advanceMillis(1000);
        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("completed");
        assertThat(fx.text(id, "terminal_outcome")).isEqualTo("succeeded");
        assertThat(fx.text(id, "submission_state")).isEqualTo("uncertain");
        assertThat(fx.sourcePending("S11")).isFalse();
        assertThat(fx.events(id, "execution.completed")).isEqualTo(1);
    }

    @Test
    void anUncertainSubmissionTheDimDoesNotKnowRecordsNotCreatedAndStaysHeld() throws Exception {
        UUID id = fx.submitted("S12", false);
        fx.set(id, "status = 'awaiting_scheduler', submission_state = 'uncertain', daliuge_state = 'not_created', "
                + "control_phase = 'submission_pending'");

        fx.tick();
        fx.tick();
        assertThat(fx.text(id, "status")).isEqualTo("awaiting_scheduler");
        assertThat(fx.text(id, "submission_state")).isEqualTo("uncertain");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("not_created");
        assertThat(fx.text(id, "failure_class")).isEqualTo("not_found");
        assertThat(sim.dim().sessionsCreated()).isEmpty();
        // the same contradiction on every poll is recorded once, not once per poll
        assertThat(fx.events(id, "execution.reconciliation_mismatch")).isEqualTo(1);
        assertThat(t.db().sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 "
                + "AND normalized_state = 'not_created' AND raw_state = 'not_found'", id)).isEqualTo(2);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).extracting(DimPollTarget::executionId).containsExactly(id);
    }

    @Test
    void theSelectorWaitsForALiveExecuteLeaseButNotForALeasedDimPollJob() throws Exception {
        UUID id = fx.submitted("S13", false);
        fx.set(id, "submission_state = 'in_flight', daliuge_state = 'not_created'");
        UUID job = Uuid7.next();
        t.db().sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id, lease_expires_at, locked_until) "
                + "VALUES ($1, 'execute', '{}', 'running', $2, now() + interval '1 minute', now() - interval '1 minute')", job, id);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();
        t.db().sql().update("UPDATE jobs SET lease_expires_at = NULL, locked_until = now() - interval '1 minute' WHERE uuid = $1", job);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();
        t.db().sql().update("UPDATE jobs SET lease_expires_at = now() - interval '1 minute' WHERE uuid = $1", job);
        t.db().sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id, lease_expires_at, locked_until) "
                + "VALUES ($1, 'dim_poll', '{}', 'running', $2, now() + interval '1 minute', now() + interval '1 minute')",
                Uuid7.next(), id);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).extracting(DimPollTarget::executionId).containsExactly(id);
    }

    @Test
    void twoWorkersTickingConcurrentlyApplyEachTerminalTransitionOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID id = fx.submitted("R" + i, false);
            fx.deploy(fx.sid(id));
            ids.add(id);
        }
        clock.advanceMillis(1000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> ticks = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    ticks.add(pool.submit(() -> {
                        go.await();
                        return fx.tick();
                    }));
                }
                go.countDown();
                for (Future<Integer> f : ticks) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (UUID id : ids) {
            assertThat(fx.text(id, "status")).isEqualTo("completed");
            assertThat(fx.events(id, "execution.completed")).as("provenance of %s", id).isEqualTo(1);
        }
        Counter terminal = fx.meters.find("beampipe_execute_terminal").tag("status", "completed").counter();
        assertThat(terminal.count()).isEqualTo(6);
        assertThat(t.db().sql().count("SELECT count(*) FROM source_registry WHERE workflow_run_pending")).isZero();
    }

    @Test
    void aStaleRunningAnswerAfterFinishedLeavesARowInOutputVerificationAlone() throws Exception {
        UUID id = fx.submitted("S14", true);
        fx.deploy(fx.sid(id));
        dev.beampipe.model.daliuge.DimPollResult running = fx.client().poll(fx.sid(id));
        assertThat(running.ledgerState()).isEqualTo("running");
        DimPollTarget target = fx.target(id);
        clock.advanceMillis(1000);
        fx.tick();
        assertThat(fx.text(id, "control_phase")).isEqualTo("output_verification");
        String before = t.db().sql().first("SELECT row_to_json(e)::jsonb - 'updated_at' FROM batch_execution_record e "
                + "WHERE uuid = $1", r -> r.getValue(0).toString(), id).orElseThrow();
        long observations = fx.observations(id);

        // an overlapping poller that read RUNNING before the FINISHED poll committed
        DimPollLedger.Applied applied = new DimPollLedger(t.db()).apply(target, new PollOutcome.Observed(running, false), "late");
        assertThat(applied.effect()).isEqualTo(DimPollLedger.Effect.IGNORED_STALE);
        assertThat(applied.followUp()).isFalse();
        assertThat(t.db().sql().first("SELECT row_to_json(e)::jsonb - 'updated_at' FROM batch_execution_record e "
                + "WHERE uuid = $1", r -> r.getValue(0).toString(), id).orElseThrow()).isEqualTo(before);
        assertThat(fx.observations(id)).isEqualTo(observations + 1);
        assertThat(fx.lastObservation(id).getString("normalized")).isEqualTo("running");
    }

    @Test
    void anAnswerAboutASessionTheRowNoLongerHoldsIsEvidenceOnly() throws Exception {
        UUID id = fx.submitted("S15", false);
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);
        DimPollTarget target = fx.target(id);
        fx.set(id, "daliuge_session_id = $2", "BeampipeExecution-resubmitted");

        DimPollLedger.Applied applied = fx.poller().pollOne(fx.client(), target, "stale");
        assertThat(applied.effect()).isEqualTo(DimPollLedger.Effect.IGNORED_STALE);
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(fx.runRecord(id).getJsonObject("dim").containsKey("terminal")).isFalse();
        assertThat(fx.lastObservation(id).getString("normalized")).isEqualTo("finished");
        assertThat(fx.sourcePending("S15")).isTrue();
        assertThat(fx.events(id, "execution.completed")).isZero();
    }

    @Test
    void twoPollersRacingOverOneFinishingSessionApplyItOnceAndNeverStepBack() throws Exception {
        UUID id = fx.submitted("S16", true);
        fx.deploy(fx.sid(id));
        dev.beampipe.model.daliuge.DimPollResult running = fx.client().poll(fx.sid(id));
        DimPollTarget target = fx.target(id);
        clock.advanceMillis(1000);
        dev.beampipe.model.daliuge.DimPollResult finished = fx.client().poll(fx.sid(id));
        assertThat(finished.terminal()).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<DimPollLedger.Applied>> polls = new ArrayList<>();
                for (dev.beampipe.model.daliuge.DimPollResult r : List.of(finished, running)) {
                    polls.add(pool.submit(() -> {
                        go.await();
                        return new DimPollLedger(t.db()).apply(target, new PollOutcome.Observed(r, false), "race");
                    }));
                }
                go.countDown();
                for (Future<DimPollLedger.Applied> f : polls) {
                    f.get();
                }
                assertThat(fx.text(id, "control_phase")).isEqualTo("output_verification");
                assertThat(fx.text(id, "daliuge_state")).isEqualTo("finished");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMalformedManagerUrlIsRecordedAsAConfigurationFailureAndStopsHeadingTheTick() throws Exception {
        UUID bad = fx.submitted("S17", false);
        fx.set(bad, "daliuge_manager_url = 'dim:8001'");
        UUID none = fx.submitted("S18", false);
        fx.set(none, "daliuge_manager_url = NULL, deployment_profile_snapshot = NULL");

        assertThat(fx.tick()).isEqualTo(2);
        for (UUID id : List.of(bad, none)) {
            assertThat(fx.text(id, "status")).isEqualTo("running");
            assertThat(fx.text(id, "failure_class")).isEqualTo("configuration");
            assertThat(fx.text(id, "daliuge_state")).isEqualTo("unreachable");
            assertThat(fx.text(id, "last_reconciled_at")).isNotNull();
            JsonObject observation = fx.lastObservation(id);
            assertThat(observation.getString("raw")).isEqualTo("configuration");
            assertThat(observation.getJsonObject("payload").getBoolean("retryable")).isFalse();
        }
        assertThat(fx.text(bad, "last_error")).contains("dim:8001");
        assertThat(fx.text(none, "last_error")).contains("no DIM endpoint");
        assertThat(reconciled("configuration")).isEqualTo(2);

        UUID fresh = fx.submitted("S19", false);
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).extracting(DimPollTarget::executionId)
                .first().isEqualTo(fresh);
    }
}
