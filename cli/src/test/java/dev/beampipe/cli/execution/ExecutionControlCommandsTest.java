package dev.beampipe.cli.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.cli.scheduler.SchedulerCommand;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.PhysicalGraph;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.Translation;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code beampipe execution retry|cancel} and {@code scheduler cancel} in-process against a fresh PostgreSQL and the
 * in-process DALiuGE simulator.
 */
class ExecutionControlCommandsTest {
    static TestDatabase database;
    static Database db;
    static DaliugeSimulator sim;
    static ManualClock clock;
    static PhysicalGraph graph;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        db = database.db();
        clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
        sim = DaliugeSimulator.start(0, 0, clock, IslandManagerSimulator.DEFAULT_NODES, 100, null);
        try (InputStream in = ExecutionControlCommandsTest.class.getResourceAsStream("/daliuge/beam-mosaic.graph")) {
            graph = new TranslatorClient(sim.tmBase().toString(), true, Duration.ofSeconds(10)).translate(
                    new ObjectMapper().readTree(in), new Translation("metis", 2, 0, sim.tmBase().toString()), dimDeployment());
        }
    }

    @AfterAll
    static void stop() {
        sim.close();
        database.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static RestRemoteDeployment dimDeployment() {
        return new RestRemoteDeployment(sim.dimBase().getHost(), (long) sim.dimBase().getPort(), sim.dimBase().getHost(),
                (long) sim.dimBase().getPort(), false, true);
    }

    static Map<String, String> env(boolean real) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.url().toUrlWithSecret());
        if (real) {
            env.put("BEAMPIPE_USE_REAL_BACKENDS", "true");
        }
        return env;
    }

    static CommandRun execution(boolean real, String... args) {
        return CommandRun.of(new ExecutionCommand(env(real)), args);
    }

    static UUID insert(String status, String assignments) {
        UUID id = Uuid7.next();
        String module = "m" + UUID.randomUUID().toString().substring(0, 8);
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled) VALUES ($1, $2, 'S1', true)",
                Uuid7.next(), module);
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "deployment_profile_snapshot) VALUES ($1, $2, $3, 'casda', $4, $5)", id, module,
                new JsonArray().add(new JsonObject().put("source_identifier", "S1")), status,
                new JsonObject().put("name", "sim").put("deployment", new JsonObject().put("kind", "rest_remote")
                        .put("deploy_host", sim.dimBase().getHost()).put("deploy_port", sim.dimBase().getPort())));
        if (!assignments.isEmpty()) {
            db.sql().update("UPDATE batch_execution_record SET " + assignments + " WHERE uuid = $1", id);
        }
        return id;
    }

    /** A running DALiuGE execution whose session runs forever on the simulator. */
    static UUID runningSession() throws Exception {
        String sid = "cli-" + UUID.randomUUID();
        sim.dim().outcome(sid, Outcome.NEVER_END);
        new IslandManagerClient(sim.dimBase().toString(), true).createAppendDeploy(sid, graph);
        clock.advanceMillis(500);
        return insert("running", "scheduler_name = 'daliuge', daliuge_session_id = '" + sid + "', daliuge_state = 'running', "
                + "submission_state = 'submitted', execution_phase = 'submit'");
    }

    static String row(UUID id, String expression) {
        return db.sql().first("SELECT " + expression + " FROM batch_execution_record WHERE uuid = $1", r -> String.valueOf(r.getValue(0)), id)
                .orElseThrow();
    }

    static long events(UUID id, String type, String actor) {
        return db.sql().count("SELECT count(*) FROM provenance_events WHERE execution_id = $1 AND event_type = $2 AND actor = $3",
                id, type, actor);
    }

    @Test
    void retryOfAFailedExecutionIsAcceptedWithTheOperatorActor() {
        UUID id = insert("failed", "terminal_outcome = 'failed', execution_phase = 'stage_and_manifest'");
        CommandRun r = execution(false, "retry", id.toString(), "--reason", "  archive was down  ");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo("accepted");
        assertThat(j.get("execution_id").asText()).isEqualTo(id.toString());
        assertThat(j.get("retry_count").asInt()).isEqualTo(1);
        assertThat(j.get("stage").asText()).isEqualTo("stage_and_manifest");
        assertThat(j.get("do_stage").asBoolean()).isTrue();
        assertThat(j.get("do_submit").asBoolean()).isTrue();
        assertThat(db.sql().first("SELECT idempotency_key || ' ' || status FROM jobs WHERE uuid = $1", r2 -> r2.getString(0),
                UUID.fromString(j.get("job_id").asText()))).contains("execute:" + id + ":retry:1 queued");
        assertThat(row(id, "status")).isEqualTo("retrying");
        assertThat(db.sql().first("SELECT payload->>'reason' FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.retry_requested' AND actor = 'operator:cli'", r2 -> r2.getString(0), id))
                .contains("archive was down");

        CommandRun again = execution(false, "retry", id.toString(), "--reason", "again");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("execution_not_failed");
    }

    @Test
    void retryRefusalsPrintTheirCodeAndChangeNothing() {
        UUID running = insert("running", "");
        assertRefused(running, "why", "execution_not_failed");
        UUID session = insert("failed", "daliuge_state = 'running', daliuge_session_id = 's'");
        assertRefused(session, "why", "daliuge_session_may_exist");
        UUID submitted = insert("failed", "submission_state = 'uncertain'");
        assertRefused(submitted, "why", "submission_may_exist");
        UUID blank = insert("failed", "");
        assertRefused(blank, "   ", "retry_reason_required");
        assertRefused(blank, "x".repeat(1001), "retry_reason_too_long");
        UUID active = insert("failed", "");
        new JobQueue(db).enqueue(EnqueueRequest.of("execute", new JsonObject()).withKey("execute:" + active).forExecution(active));
        assertRefused(active, "why", "execution_job_active");

        CommandRun missing = execution(false, "retry", Uuid7.next().toString(), "--reason", "x");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("not_found");
        CommandRun noReason = execution(false, "retry", blank.toString());
        assertThat(noReason.exit()).isEqualTo(2);
        CommandRun notUuid = execution(false, "retry", "nope", "--reason", "x");
        assertThat(notUuid.err()).contains("'nope' is not an execution uuid");
    }

    private static void assertRefused(UUID id, String reason, String code) {
        String before = row(id, "status || '/' || retry_count");
        CommandRun r = execution(false, "retry", id.toString(), "--reason", reason);
        assertThat(r.exit()).as(code).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: " + code + ": ");
        assertThat(r.out()).isEmpty();
        assertThat(row(id, "status || '/' || retry_count")).isEqualTo(before);
        assertThat(db.sql().count("SELECT count(*) FROM jobs WHERE execution_id = $1 AND idempotency_key LIKE '%:retry:%'", id)).isZero();
    }

    @Test
    void cancelWithoutExternalWorkCancelsTheLedger() {
        UUID id = insert("pending", "");
        CommandRun r = execution(false, "cancel", id.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("cancelled").asBoolean()).isTrue();
        assertThat(r.json().get("external_cancellation").asBoolean()).isFalse();
        assertThat(row(id, "status")).isEqualTo("cancelled");
        assertThat(events(id, "execution.cancelled", "operator:cli")).isEqualTo(1);

        CommandRun terminal = execution(false, "cancel", id.toString());
        assertThat(terminal.exit()).isEqualTo(1);
        assertThat(terminal.err()).contains("conflict: execution is already terminal (cancelled)");
    }

    @Test
    void dryRunCancelRecordsTheRequestAndSendsNothing() throws Exception {
        UUID id = runningSession();
        CommandRun r = execution(false, "cancel", id.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("dry_run").asBoolean()).isTrue();
        assertThat(r.json().get("backend").asText()).isEqualTo("daliuge");
        assertThat(sim.dim().count("cancel_session")).isZero();
        assertThat(row(id, "status || '/' || daliuge_state")).isEqualTo("cancelled/cancelled");
        assertThat(db.sql().first("SELECT inline_json->>'url' FROM execution_artifacts WHERE execution_id = $1 "
                + "AND kind = 'cancellation_request'", x -> x.getString(0), id).orElseThrow()).endsWith("/cancel");
    }

    @Test
    void realCancelIsConfirmedByTheSessionStatus() throws Exception {
        UUID id = runningSession();
        CommandRun r = execution(true, "cancel", id.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("cancelled").asBoolean()).isTrue();
        assertThat(j.get("dry_run").asBoolean()).isFalse();
        assertThat(sim.dim().count("cancel_session")).isEqualTo(1);
        assertThat(row(id, "status || '/' || daliuge_state")).isEqualTo("cancelled/cancelled");
        assertThat(events(id, "execution.cancelled", "operator:cli")).isEqualTo(1);
    }

    @Test
    void anUnconfirmedCancelExitsNonZeroPrintsTheResultAndLeavesTheLedger() throws Exception {
        UUID id = runningSession();
        sim.dim().faults().add("cancel_session", Fault.status(555, "InvalidSessionState", 1));
        CommandRun r = execution(true, "cancel", id.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json().get("cancelled").asBoolean()).isFalse();
        assertThat(r.json().get("status").asText()).isEqualTo("not_confirmed");
        assertThat(r.json().get("reason").asText()).contains("DALiuGE returned HTTP 555");
        assertThat(r.err()).contains("external cancellation was not confirmed");
        assertThat(row(id, "status || '/' || daliuge_state")).isEqualTo("running/running");
        assertThat(events(id, "execution.cancelled", "operator:cli")).isZero();
    }

    @Test
    void schedulerCancelIsTheSameCancel() throws Exception {
        UUID id = runningSession();
        CommandRun r = CommandRun.of(new SchedulerCommand(env(true)), "cancel", id.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("cancelled").asBoolean()).isTrue();
        assertThat(row(id, "status")).isEqualTo("cancelled");

        UUID unconfirmed = runningSession();
        sim.dim().faults().add("cancel_session", Fault.status(500, null, 1));
        CommandRun refused = CommandRun.of(new SchedulerCommand(env(true)), "cancel", unconfirmed.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(row(unconfirmed, "status")).isEqualTo("running");
    }
}
