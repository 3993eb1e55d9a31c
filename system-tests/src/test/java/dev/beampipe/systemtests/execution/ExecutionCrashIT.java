package dev.beampipe.systemtests.execution;

import dev.beampipe.systemtests.ServiceProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 acceptance 3: SIGKILL the worker-service process (a) after the DIM accepted the session but before the
 * receipt was written (the deploy is slowed inside the simulator, the kill lands while it is in flight), (b) while
 * a DIM status poll is in flight, (c) while the CASDA staging job is still executing. A fresh worker takes over
 * once the dead one's leases expire. For every run the DIM simulator counts exactly one session-create request
 * (never a duplicate), and the run ends {@code completed} — if it passed through {@code uncertain}, reconciliation
 * resolved it. One cluster for the three scenarios (each on its own source, one after another); the config's
 * output verification is off so the runs end terminal on their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutionCrashIT {
    private static ExecutionCluster cluster;
    private static List<String> sources;
    private static ServiceProcess worker;
    private static int workers;

    @BeforeAll
    static void start() {
        cluster = ExecutionCluster.create("execution-crash", true, 100);
        cluster.configure(5, false, Map.of());
        sources = cluster.executableSources(3, 21);
        cluster.register(sources, false);
        cluster.startScheduler();
        worker = freshWorker();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void killedAfterTheDimAcceptedTheSessionBeforeTheReceipt() {
        String source = sources.get(0);
        int deploysBefore = cluster.dlg().dimCount("deploy_session");
        cluster.dlg().dimDelay("deploy_session", 8_000);
        try {
            UUID id = admit(source);
            cluster.awaitTrue(Duration.ofSeconds(120), () -> cluster.dlg().dimCount("deploy_session") > deploysBefore,
                    () -> "the deploy of " + id + " reached the DIM; row " + ExecutionCluster.summary(cluster.row(id)));
            JsonObject atKill = cluster.row(id);
            assertThat(atKill.getString("submission_state")).as("submission state while the DIM is deploying (intent committed, "
                    + "no receipt yet)").isEqualTo("in_flight");
            killAndReplaceWorker();
            cluster.dlg().dimDelay("deploy_session", 0);
            expectOneSessionAndCompletion(source, id);
        } finally {
            cluster.dlg().dimDelay("deploy_session", 0);
        }
    }

    @Test
    @Order(2)
    void killedWhileADimStatusPollIsInFlight() {
        String source = sources.get(1);
        int pollsBefore = cluster.dlg().dimCount("session_status");
        cluster.dlg().dimDelay("session_status", 4_000);
        try {
            UUID id = admit(source);
            // each status request takes 4 s inside the simulator: the kill lands while the first one is in flight
            cluster.awaitTrue(Duration.ofSeconds(120), () -> "submitted".equals(cluster.row(id).getString("submission_state"))
                            && cluster.dlg().dimCount("session_status") > pollsBefore,
                    () -> "execution " + id + " submitted and a DIM status poll in flight; row " + ExecutionCluster.summary(cluster.row(id)));
            killAndReplaceWorker();
            cluster.dlg().dimDelay("session_status", 0);
            expectOneSessionAndCompletion(source, id);
        } finally {
            cluster.dlg().dimDelay("session_status", 0);
        }
    }

    @Test
    @Order(3)
    void killedWhileCasdaStagingIsExecuting() {
        String source = sources.get(2);
        int createsBefore = cluster.tap().staging().count("create");
        int pollsBefore = cluster.tap().staging().count("poll");
        cluster.tap().staging().executingMillis(8_000);
        try {
            UUID id = admit(source);
            cluster.awaitTrue(Duration.ofSeconds(120), () -> cluster.tap().staging().count("poll") > pollsBefore,
                    () -> "the worker polling a CASDA staging job of " + id + "; row " + ExecutionCluster.summary(cluster.row(id)));
            assertThat(cluster.dlg().createRequestsFor(id)).as("DIM create requests while staging is still running").isZero();
            killAndReplaceWorker();
            cluster.tap().staging().executingMillis(0);
            expectOneSessionAndCompletion(source, id);
            assertThat(cluster.tap().staging().count("create") - createsBefore)
                    .as("SODA jobs: the killed attempt's plus the new worker's restaging").isGreaterThan(1);
        } finally {
            cluster.tap().staging().executingMillis(0);
        }
    }

    private static UUID admit(String source) {
        cluster.enable(List.of(source));
        return cluster.awaitExecution(source, Duration.ofSeconds(60));
    }

    private static void killAndReplaceWorker() {
        worker.sigkill();
        assertThat(worker.process.isAlive()).as("worker process after SIGKILL").isFalse();
        worker = freshWorker();
    }

    private static ServiceProcess freshWorker() {
        ServiceProcess p = cluster.startWorker("worker-" + (++workers));
        cluster.workerId(p);
        return p;
    }

    private static void expectOneSessionAndCompletion(String source, UUID id) {
        JsonObject row = cluster.awaitRow(id, Duration.ofSeconds(120), "ends terminal after the worker was killed",
                ExecutionCluster::terminal);
        assertThat(cluster.dlg().createRequestsFor(id)).as("DIM session-create requests for execution " + id + " (" + source
                + "): never a duplicate").isEqualTo(1);
        assertThat(cluster.dlg().sessionsCreated().getOrDefault(row.getString("daliuge_session_id"), 0))
                .as("sessions the DIM created with id " + row.getString("daliuge_session_id")).isEqualTo(1);
        assertThat(row.getString("status")).as("terminal status of " + id + " " + ExecutionCluster.summary(row)).isEqualTo("completed");
        assertThat(cluster.events(id, "execution.completed")).as("'execution.completed' events of " + id).isEqualTo(1);
        if (cluster.events(id, "execution.submission_uncertain") > 0) {
            assertThat(cluster.observations(id)).as("observations after reconciliation of the uncertain submission").isPositive();
        }
    }
}
