package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.queue.ClaimedJob;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.model.testing.Workers;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.ManualClock;
import dev.beampipe.worker.runtime.JobContexts;
import dev.beampipe.worker.runtime.JobResult;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code dim_poll} and {@code dim_poll_tick} handlers on really claimed jobs (real PostgreSQL, DIM simulator). */
class DimPollHandlerTest {
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

    DimPollHandler handler(DimPollSettings settings) {
        return new DimPollHandler(t.db(), fx.poller(settings), settings, (endpoint, verify) -> fx.client(), "default", 3, clock);
    }

    ClaimedJob claim(EnqueueRequest request) {
        JobQueue queue = new JobQueue(t.db());
        queue.enqueue(request);
        UUID worker = Workers.register(t.db(), "default", 4);
        return queue.claim(worker, "default", 60).orElseThrow();
    }

    ClaimedJob dimPoll(UUID id, int round, Boolean real) {
        JsonObject payload = new JsonObject().put("execution_id", id.toString()).put("poll_round", round);
        if (real != null) {
            payload.put("use_real_backends", real);
        }
        return claim(EnqueueRequest.of(DimPollHandler.KIND, payload).requiring(DimPollHandler.CAPABILITY)
                .withKey(DimPollHandler.key(id, round)).forExecution(id));
    }

    List<JsonObject> dryRunRequests(UUID id) {
        return t.db().sql().list("SELECT inline_json FROM execution_artifacts WHERE execution_id = $1 AND kind = "
                + "'dry_run_request' ORDER BY inline_json->>'url'", r -> (JsonObject) r.getValue(0), id);
    }

    @Test
    void aDryRunPollSendsNothingRecordsTheRequestsAndCompletesTheRun() throws Exception {
        UUID id = fx.submitted("D1", false);
        JobResult result = handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(id, 0, false)));

        assertThat(result.reschedules()).isFalse();
        assertThat(sim.dim().journal().all()).isEmpty();
        String session = fx.dim() + "/api/sessions/" + fx.sid(id);
        assertThat(dryRunRequests(id)).extracting(r -> r.getString("url"))
                .containsExactly(session + "/graph/status", session + "/status");
        assertThat(dryRunRequests(id)).allSatisfy(r -> {
            assertThat(r.getString("method")).isEqualTo("GET");
            assertThat(r.getBoolean("sent")).isFalse();
        });
        assertThat(fx.text(id, "status")).isEqualTo("completed");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("finished");
        assertThat(fx.lastObservation(id).getJsonObject("payload").getBoolean("dry_run")).isTrue();
        assertThat(fx.runRecord(id).getJsonObject("dim").getJsonObject("terminal").getString("ledger_status"))
                .isEqualTo("completed");
        assertThat(fx.sourcePending("D1")).isFalse();
        assertThat(t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'dim_poll'")).isEqualTo(1);
        assertThat(t.db().sql().list("SELECT metadata->>'stage' FROM execution_artifacts WHERE execution_id = $1 "
                + "AND kind = 'dry_run_request' ORDER BY 1", r -> r.getString(0), id))
                .containsExactly("dim_graph_status", "dim_session_status");
        assertThat(fx.meters.find("beampipe_execute_terminal").tag("status", "completed").counter().count()).isEqualTo(1);

        // a replay of the job (lease recovered after a crash) changes nothing
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(
                new ClaimedJob(new JobQueue(t.db()).findByKey(DimPollHandler.key(id, 0)).orElseThrow(), null, true)));
        assertThat(dryRunRequests(id)).hasSize(2);
        assertThat(fx.events(id, "execution.completed")).isEqualTo(1);
    }

    @Test
    void aDryRunWithRequiredOutputVerificationWaitsInOutputVerification() throws Exception {
        UUID id = fx.submitted("D2", true);
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(id, 0, null)));

        assertThat(sim.dim().journal().all()).isEmpty();
        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.text(id, "control_phase")).isEqualTo("output_verification");
        assertThat(fx.text(id, "output_state")).isEqualTo("pending");
        assertThat(fx.sourcePending("D2")).isTrue();
    }

    @Test
    void aRealPollOfARunningSessionDefersTheNextRoundByTheRestInterval() throws Exception {
        UUID id = fx.submitted("D3", false);
        fx.pinPolicy(id, new JsonObject().put("execution_rest_remote_poll_interval_seconds", 40.4));
        fx.deploy(fx.sid(id));
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(id, 0, true)));

        assertThat(sim.dim().count("session_status")).isEqualTo(1);
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(t.db().sql().list("SELECT (payload->>'poll_round') || '/' || (payload->>'use_real_backends') || '/' "
                        + "|| required_capability || '/' || (next_run_at > now() + interval '35 seconds') FROM jobs "
                        + "WHERE idempotency_key = $1", r -> r.getString(0), DimPollHandler.key(id, 1)))
                .containsExactly("1/true/daliuge-deployment/true");

        clock.advanceMillis(1000);
        t.db().sql().update("UPDATE jobs SET next_run_at = now() WHERE idempotency_key = $1", DimPollHandler.key(id, 1));
        ClaimedJob next = new JobQueue(t.db()).claim(Workers.register(t.db(), "default", 4), "default", 60).orElseThrow();
        assertThat(next.job().idempotencyKey()).isEqualTo(DimPollHandler.key(id, 1));
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(next));
        assertThat(fx.text(id, "status")).isEqualTo("completed");
        assertThat(new JobQueue(t.db()).findByKey(DimPollHandler.key(id, 2))).isEmpty();

        // a late round of the finished run sends nothing
        int requests = sim.dim().journal().all().size();
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(id, 7, true)));
        assertThat(sim.dim().journal().all()).hasSize(requests);
    }

    @Test
    void theTickPollsNothingInDryRunModeAndReschedulesItself() throws Exception {
        UUID id = fx.submitted("D4", false);
        fx.deploy(fx.sid(id));
        int before = sim.dim().journal().all().size();
        DimPollSettings dry = new DimPollSettings(false, false, 500);
        ClaimedJob tick = claim(EnqueueRequest.of(DimPollTickHandler.KIND, new JsonObject().put("interval_secs", 5))
                .withKey(DimPollTickHandler.KIND));

        JobResult result = new DimPollTickHandler(t.db(), fx.poller(dry), dry, fx.metrics).handle(JobContexts.of(tick));
        assertThat(result.rescheduleAfterSeconds()).isEqualTo(5);
        assertThat(sim.dim().journal().all()).hasSize(before);
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(fx.lastObservationOrNull(id)).isNull();
    }

    @Test
    void theTickPollsTheSelectionInRealModeAndDestroysTerminalSessionsWhenAsked() throws Exception {
        UUID id = fx.submitted("D5", false);
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);
        DimPollSettings real = new DimPollSettings(true, true, 500);
        ClaimedJob tick = claim(EnqueueRequest.of(DimPollTickHandler.KIND, new JsonObject()).withKey(DimPollTickHandler.KIND));

        JobResult result = new DimPollTickHandler(t.db(), fx.poller(real), real, fx.metrics).handle(JobContexts.of(tick));
        assertThat(result.rescheduleAfterSeconds()).isEqualTo(3);
        assertThat(fx.text(id, "status")).isEqualTo("completed");
        assertThat(sim.dim().count("delete_session")).isEqualTo(1);
        Gauge batch = fx.meters.find("beampipe_dim_poll_batch_size").gauge();
        assertThat(batch.value()).isEqualTo(1);
    }
}
