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
        return new DimPollHandler(t.db(), fx.poller(settings), settings, fx.clients(), clock);
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
    void aRealModeDimPollHandsOverToTheTickWithoutPollingOrAFollowUp() throws Exception {
        UUID id = fx.submitted("D3", false);
        fx.mode(id, "real");
        fx.deploy(fx.sid(id));
        int requests = sim.dim().journal().all().size();
        JobResult result = handler(new DimPollSettings(true, false, 500)).handle(JobContexts.of(dimPoll(id, 0, true)));

        assertThat(result.reschedules()).isFalse();
        assertThat(sim.dim().journal().all()).hasSize(requests);
        assertThat(fx.observations(id)).isZero();
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("running");
        assertThat(fx.runRecord(id).containsKey("dim_poll")).isFalse();
        assertThat(t.db().sql().count("SELECT count(*) FROM jobs WHERE kind = 'dim_poll'")).isEqualTo(1);
        assertThat(dryRunRequests(id)).isEmpty();
        // the tick owns it
        assertThat(DimPollTargets.pending(t.db().sql(), 10, false)).extracting(DimPollTarget::executionId).containsExactly(id);
    }

    @Test
    void aDimPollFollowsTheExecutionsRecordedModeNotThePayloadOrTheWorkerSetting() throws Exception {
        // recorded dry_run, payload and worker real: a dry run (a real poll would ask the DIM for a session never created)
        UUID dry = fx.submitted("D6", false);
        fx.mode(dry, "dry_run");
        handler(new DimPollSettings(true, false, 500)).handle(JobContexts.of(dimPoll(dry, 0, true)));
        assertThat(sim.dim().journal().all()).isEmpty();
        assertThat(dryRunRequests(dry)).hasSize(2);
        assertThat(fx.text(dry, "status")).isEqualTo("completed");

        // recorded real, payload and worker dry: handed over, never completed by a dry run
        UUID real = fx.submitted("D7", false);
        fx.mode(real, "real");
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(real, 0, false)));
        assertThat(dryRunRequests(real)).isEmpty();
        assertThat(fx.text(real, "status")).isEqualTo("running");
        assertThat(fx.observations(real)).isZero();

        // no recorded mode (rows from before the key): the payload, else the worker setting
        UUID old = fx.submitted("D8", false);
        handler(new DimPollSettings(true, false, 500)).handle(JobContexts.of(dimPoll(old, 0, false)));
        assertThat(fx.text(old, "status")).isEqualTo("completed");
        UUID older = fx.submitted("D9", false);
        handler(new DimPollSettings(true, false, 500)).handle(JobContexts.of(dimPoll(older, 0, null)));
        assertThat(fx.text(older, "status")).isEqualTo("running");
        assertThat(dryRunRequests(older)).isEmpty();
    }

    @Test
    void dryRunJobsReuseTheWorkersDimClientsInsteadOfBuildingOneEach() throws Exception {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(fx.submitted("C" + i, false));
        }
        DimPollHandler handler = handler(new DimPollSettings(false, false, 500));
        handler.handle(JobContexts.of(dimPoll(ids.get(0), 0, false)));
        long selectors = selectorThreads();
        for (UUID id : ids.subList(1, ids.size())) {
            handler.handle(JobContexts.of(dimPoll(id, 0, false)));
        }
        // each JDK HttpClient runs its own selector thread: a client per job would add seven
        assertThat(selectorThreads()).isLessThanOrEqualTo(selectors);
        assertThat(ids).allSatisfy(id -> assertThat(fx.text(id, "status")).isEqualTo("completed"));
    }

    static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.isAlive() && th.getName().contains("SelectorManager")).count();
    }

    @Test
    void aDryRunForAnExecutionWithoutASessionWritesNoNullSessionAndLeavesTheRowAlone() throws Exception {
        UUID id = fx.submitted("D10", false);
        fx.set(id, "daliuge_session_id = NULL, workflow_manifest = '{}'::jsonb");
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(id, 0, false)));

        assertThat(fx.text(id, "status")).isEqualTo("running");
        assertThat(fx.manifest(id).containsKey("beampipe_run_record")).isFalse();
        String polled = fx.lastObservation(id).getJsonObject("payload").getString("session_id");
        assertThat(polled).startsWith("BeampipeExecution-" + id);
        assertThat(dryRunRequests(id)).extracting(r -> r.getString("url")).allMatch(u -> u.contains(polled));
    }

    @Test
    void aMissingProjectModuleIsLabelledUnknownAsTheExecuteMetricsDo() throws Exception {
        UUID id = fx.submitted("D11", false);
        fx.set(id, "project_module = ''");
        handler(new DimPollSettings(false, false, 500)).handle(JobContexts.of(dimPoll(id, 0, false)));
        assertThat(fx.text(id, "status")).isEqualTo("completed");
        assertThat(fx.meters.find("beampipe_execute_terminal").tag("project_module", "unknown").tag("status", "completed")
                .counter().count()).isEqualTo(1);
    }

    ClaimedJob tickJob(JsonObject payload) {
        return claim(EnqueueRequest.of(DimPollTickHandler.KIND, payload).withKey(DimPollTickHandler.KIND));
    }

    JobResult tick(DimPollSettings settings, JsonObject payload) throws Exception {
        return new DimPollTickHandler(t.db(), fx.poller(settings), settings, fx.metrics).handle(JobContexts.of(tickJob(payload)));
    }

    @Test
    void theTickLeavesDryRunExecutionsToTheirDimPollJobsAndReschedulesItself() throws Exception {
        UUID recorded = fx.submitted("D4", false);
        fx.mode(recorded, "dry_run");
        UUID unrecorded = fx.submitted("D4b", false);
        int before = sim.dim().journal().all().size();

        // a real-mode worker does not poll a recorded dry run (its session was never created)
        JobResult result = tick(new DimPollSettings(true, false, 500), new JsonObject().put("interval_secs", 5));
        assertThat(result.rescheduleAfterSeconds()).isEqualTo(5);
        assertThat(fx.lastObservationOrNull(recorded)).isNull();
        assertThat(fx.lastObservation(unrecorded).getString("normalized")).isEqualTo("not_created");

        // a dry-run worker polls neither (no mode recorded = the worker's own mode)
        t.db().sql().update("DELETE FROM jobs");
        long observations = fx.observations(unrecorded);
        tick(new DimPollSettings(false, false, 500), new JsonObject());
        assertThat(sim.dim().count("session_status")).isEqualTo(1);
        assertThat(fx.observations(unrecorded)).isEqualTo(observations);
        assertThat(fx.meters.find("beampipe_dim_poll_batch_size").gauge().value()).isZero();
        assertThat(sim.dim().journal().all()).hasSize(before + 1);
    }

    @Test
    void theTickPollsARealExecutionEvenOnADryRunWorker() throws Exception {
        UUID id = fx.submitted("D12", false);
        fx.mode(id, "real");
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);

        tick(new DimPollSettings(false, false, 500), new JsonObject());
        assertThat(sim.dim().count("session_status")).isEqualTo(1);
        assertThat(fx.text(id, "status")).isEqualTo("completed");
    }

    @Test
    void aTickWhoseLeaseIsLostPollsNothing() throws Exception {
        UUID id = fx.submitted("D13", false);
        fx.deploy(fx.sid(id));
        DimPollSettings real = new DimPollSettings(true, false, 500);
        int before = sim.dim().journal().all().size();
        DimPollTickHandler handler = new DimPollTickHandler(t.db(), fx.poller(real), real, fx.metrics);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(
                        dev.beampipe.worker.runtime.JobContexts.leaseLost(tickJob(new JsonObject()))))
                .isInstanceOf(dev.beampipe.worker.runtime.LeaseLostException.class);
        assertThat(sim.dim().journal().all()).hasSize(before);
        assertThat(fx.observations(id)).isZero();
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
