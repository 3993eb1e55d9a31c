package dev.beampipe.model.ledger.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.daliuge.DimTimeouts;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.PhysicalGraph;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.daliuge.IslandManagerSimulator;
import dev.beampipe.simulators.daliuge.Outcome;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.ManualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external cancel step shared by the API and the CLI: dry-run requests, and real DIM cancels against the in-process
 * DALiuGE simulator, confirmed only when the session status reads CANCELLED.
 */
class ExternalCancelTest {
    static TestDatabase testDb;
    static Database db;
    static DaliugeSimulator sim;
    static ManualClock clock;
    static PhysicalGraph graph;

    @BeforeAll
    static void start() throws Exception {
        testDb = TestDatabase.create();
        db = testDb.db();
        clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
        sim = DaliugeSimulator.start(0, 0, clock, IslandManagerSimulator.DEFAULT_NODES, 100, null);
        try (InputStream in = ExternalCancelTest.class.getResourceAsStream("/daliuge/beam-mosaic.graph")) {
            graph = new TranslatorClient(sim.tmBase().toString(), true, Duration.ofSeconds(10)).translate(
                    new ObjectMapper().readTree(in), new Translation("metis", 2, 0, sim.tmBase().toString()),
                    new RestRemoteDeployment(sim.dimBase().getHost(), (long) sim.dimBase().getPort(),
                            sim.dimBase().getHost(), (long) sim.dimBase().getPort(), false, true));
        }
    }

    @AfterAll
    static void stop() {
        sim.close();
        testDb.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    /** A running DALiuGE execution pinned to the simulator's DIM, its session deployed and running forever. */
    static UUID runningOnSimulator(String sid) throws Exception {
        sim.dim().outcome(sid, Outcome.NEVER_END);
        new IslandManagerClient(sim.dimBase().toString(), true, DimTimeouts.DEFAULTS, Clock.systemUTC())
                .createAppendDeploy(sid, graph);
        clock.advanceMillis(500);
        return execution(null, new JsonObject().put("kind", "rest_remote").put("deploy_host", sim.dimBase().getHost())
                .put("deploy_port", sim.dimBase().getPort()), sid);
    }

    static UUID execution(String managerUrl, JsonObject deployment, String sid) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "daliuge_manager_url, deployment_profile_snapshot, scheduler_name, daliuge_session_id, daliuge_state, "
                        + "submission_state) VALUES ($1, 'm', $2, 'casda', 'running', $3, $4, 'daliuge', $5, 'running', 'submitted')",
                id, new JsonArray(), managerUrl, new JsonObject().put("deployment", deployment), sid);
        return id;
    }

    static CancellationRules.Plan daliuge(String sid) {
        return new CancellationRules.Plan(CancellationRules.Backend.DALIUGE, sid);
    }

    static ExternalCancel real() {
        return new ExternalCancel(db, true, Duration.ofSeconds(10), Duration.ofMillis(20));
    }

    @Test
    void dryRunNamesTheCallWithoutMakingIt() {
        UUID id = execution(null, new JsonObject().put("kind", "rest_remote").put("deploy_host", "dim.example")
                .put("deploy_port", 8001), "Beampipe Execution-1");
        ExternalCancel.Outcome c = new ExternalCancel(db, false).cancel(id, daliuge("Beampipe Execution-1"));
        assertThat(c.confirmed()).isTrue();
        assertThat(c.confirmation().dryRun()).isTrue();
        assertThat(c.request().getString("url")).isEqualTo("http://dim.example:8001/api/sessions/Beampipe%20Execution-1/cancel");
        ExternalCancel.Outcome slurm = new ExternalCancel(db, false)
                .cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, "77"));
        assertThat(slurm.confirmation().dryRun()).isTrue();
        assertThat(slurm.request().getString("command")).isEqualTo("scancel -- 77");
    }

    @Test
    void realModeCancelsTheSessionAndConfirmsItByItsStatus() throws Exception {
        String sid = "cancel-" + UUID.randomUUID();
        UUID id = runningOnSimulator(sid);
        ExternalCancel.Outcome c = real().cancel(id, daliuge(sid));
        assertThat(c.confirmed()).as(c.reason()).isTrue();
        assertThat(c.confirmation().dryRun()).isFalse();
        assertThat(sim.dim().journal().matching("POST", "/api/sessions/" + sid + "/cancel")).hasSize(1);
        assertThat(sim.dim().count("session_status")).isPositive();
    }

    @Test
    void aRefusedCancelIsUnconfirmed() throws Exception {
        String sid = "refused-" + UUID.randomUUID();
        UUID id = runningOnSimulator(sid);
        sim.dim().faults().add("cancel_session", Fault.status(555, "InvalidSessionState", 1));
        ExternalCancel.Outcome c = real().cancel(id, daliuge(sid));
        assertThat(c.confirmed()).isFalse();
        assertThat(c.reason()).startsWith("DIM cancel failed: DALiuGE returned HTTP 555");
        assertThat(sim.dim().count("session_status")).isZero();
    }

    @Test
    void aSessionTheDimNoLongerKnowsIsUnconfirmed() {
        String sid = "unknown-" + UUID.randomUUID();
        UUID id = execution("http://" + sim.dimBase().getHost() + ":" + sim.dimBase().getPort() + "/",
                new JsonObject().put("kind", "rest_remote"), sid);
        ExternalCancel.Outcome c = real().cancel(id, daliuge(sid));
        assertThat(c.confirmed()).isFalse();
        assertThat(c.reason()).contains("DIM cancel failed");
    }

    @Test
    void anAcceptedCancelWhoseStatusNeverReadsCancelledIsUnconfirmed() throws Exception {
        String sid = "silent-" + UUID.randomUUID();
        UUID id = runningOnSimulator(sid);
        sim.dim().faults().add("session_status", Fault.status(503, null, 1000));
        ExternalCancel.Outcome c = new ExternalCancel(db, true, Duration.ofMillis(200), Duration.ofMillis(20))
                .cancel(id, daliuge(sid));
        assertThat(c.confirmed()).isFalse();
        assertThat(c.reason()).startsWith("the DALiuGE session did not reach CANCELLED within");
        assertThat(sim.dim().journal().matching("POST", "/api/sessions/" + sid + "/cancel")).hasSize(1);
    }

    @Test
    void liveSlurmThroughARestProfileAndAnIncompleteProfileAreUnconfirmed() {
        UUID id = execution(null, new JsonObject().put("kind", "rest_remote"), "s");
        ExternalCancel.Outcome slurm = real().cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, "77"));
        assertThat(slurm.confirmed()).isFalse();
        assertThat(slurm.reason()).startsWith("invalid_deployment_profile");
        ExternalCancel.Outcome incomplete = real().cancel(id, daliuge("s"));
        assertThat(incomplete.confirmed()).isFalse();
        assertThat(incomplete.reason()).startsWith("incomplete_profile");
    }

    @Test
    void dimBaseFollowsTheWorkersRule() {
        JsonObject snapshot = new JsonObject().put("deployment", new JsonObject().put("deploy_host", "h").put("deploy_port", 80));
        assertThat(ExternalCancel.dimBase(null, snapshot)).isEqualTo("http://h");
        assertThat(ExternalCancel.dimBase("http://stored:9000/", snapshot)).isEqualTo("http://stored:9000");
        assertThat(ExternalCancel.dimBase(null, new JsonObject().put("deployment",
                new JsonObject().put("deploy_host", "h")))).isEqualTo("http://h:8001");
        assertThat(ExternalCancel.dimBase(null, new JsonObject().put("deployment",
                new JsonObject().put("deploy_host", "h").put("deploy_port", 443).put("use_https", true)))).isEqualTo("https://h");
        assertThat(ExternalCancel.dimBase(null, new JsonObject())).isNull();
    }

    @Test
    void confirmedCancellationWritesTheLedgerOnlyWhenTheBackendConfirmed() throws Exception {
        ExecutionCancellation ledger = new ExecutionCancellation(db);
        String refusedSid = "keep-" + UUID.randomUUID();
        UUID kept = runningOnSimulator(refusedSid);
        sim.dim().faults().add("cancel_session", Fault.status(500, null, 1));
        ConfirmedCancellation.Result refused = new ConfirmedCancellation(ledger, real()).cancel(kept, "operator:cli", null);
        assertThat(refused.cancelled()).isFalse();
        assertThat(refused.reason()).contains("HTTP 500");
        assertThat(ExecutionFixtures.status(db, kept)).isEqualTo("running");
        assertThat(ExecutionFixtures.events(db, kept, "execution.cancelled")).isZero();

        String sid = "ok-" + UUID.randomUUID();
        UUID id = runningOnSimulator(sid);
        ConfirmedCancellation.Result ok = new ConfirmedCancellation(ledger, real()).cancel(id, "operator:cli", "corr");
        assertThat(ok.cancelled()).isTrue();
        assertThat(ok.toJson().getString("backend")).isEqualTo("daliuge");
        assertThat(ok.dryRun()).isFalse();
        assertThat(db.sql().first("SELECT status || '/' || daliuge_state FROM batch_execution_record WHERE uuid = $1",
                r -> r.getString(0), id)).contains("cancelled/cancelled");
        assertThat(db.sql().count("SELECT count(*) FROM execution_observations WHERE execution_id = $1 "
                + "AND kind = 'daliuge_session' AND normalized_state = 'cancelled'", id)).isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM execution_artifacts WHERE execution_id = $1", id)).isZero();
        assertThat(db.sql().first("SELECT actor FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.cancelled'", r -> r.getString(0), id)).contains("operator:cli");
    }

    /**
     * Operators racing to cancel one live session (CLI and API at once): the DIM is asked by each, the ledger ends
     * cancelled, and every caller either wrote a confirmed cancel (re-cancelling a cancelled row is allowed and
     * re-emits the event) or was refused because the execution was already terminal — never a half-written row.
     */
    @Test
    void racingConfirmedCancelsLeaveOneConsistentLedger() throws Exception {
        String sid = "race-" + UUID.randomUUID();
        UUID id = runningOnSimulator(sid);
        ExecutionCancellation ledger = new ExecutionCancellation(db);
        int n = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String actor = "operator:racer-" + i;
                Callable<String> call = () -> {
                    start.await();
                    try {
                        ConfirmedCancellation.Result r = new ConfirmedCancellation(ledger, real()).cancel(id, actor, null);
                        return r.cancelled() ? "cancelled" : "unconfirmed: " + r.reason();
                    } catch (ControlRejected e) {
                        return e.failure().code();
                    }
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            long cancelled = outcomes.stream().filter("cancelled"::equals).count();
            assertThat(cancelled).isPositive();
            assertThat(outcomes).allMatch(o -> o.equals("cancelled") || o.equals("conflict")
                    || o.startsWith("unconfirmed: DIM cancel failed"));
            assertThat(ExecutionFixtures.status(db, id)).isEqualTo("cancelled");
            // however many racers confirmed, the cancellation is recorded once (issue 6 acceptance 5)
            assertThat(ExecutionFixtures.events(db, id, "execution.cancelled")).isEqualTo(1);
            assertThat(db.sql().first("SELECT daliuge_state || '/' || terminal_outcome || '/' || control_phase "
                    + "FROM batch_execution_record WHERE uuid = $1", r -> r.getString(0), id)).contains("cancelled/cancelled/terminal");
        } finally {
            pool.shutdownNow();
        }
    }
}
