package dev.beampipe.systemtests.execution;

import dev.beampipe.systemtests.OperatorApi;
import dev.beampipe.systemtests.ServiceCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 acceptance 5: a running execution (its DIM session scripted never to end) is cancelled — once through
 * {@code PATCH /api/v2/executions/{id}} while a DIM status poll is in flight (slowed inside the simulator, so the
 * poll is answered and applied after the cancel was recorded), once through {@code beampipe execution cancel}. Each
 * time the DIM receives one cancel and reports the session CANCELLED, the execution is {@code cancelled} with
 * exactly one {@code execution.cancelled} event, and the later poll does not overwrite it.
 */
@ExtendWith(SharedExecutionStage.class)
class ExecutionCancelIT {
    /** DALiuGE session state CANCELLED (docs/daliuge-simulators.md, States). */
    static final int SESSION_CANCELLED = 5;

    @Test
    void cancelOverTheApiStopsTheSessionAndALaterPollDoesNotOverwriteIt(SharedExecutionStage.Stage stage) {
        ExecutionCluster cluster = stage.cluster();
        UUID id = runningForever(cluster, stage.sources(1).get(0));
        int cancelsBefore = cluster.dlg().dimCount("cancel_session");
        int polls = cluster.dlg().dimCount("session_status");
        cluster.dlg().dimDelay("session_status", 2_500);
        OperatorApi.Reply reply;
        try {
            cluster.awaitTrue(Duration.ofSeconds(15), () -> cluster.dlg().dimCount("session_status") > polls,
                    () -> "a DIM status poll of " + id + " in flight");
            reply = stage.api().send("PATCH", "/executions/" + id, new JsonObject().put("status", "cancelled"));
        } finally {
            cluster.dlg().dimDelay("session_status", 0);
        }
        assertThat(reply.status()).as("PATCH status=cancelled: " + reply.body()).isEqualTo(200);
        assertThat(reply.json().getString("status")).as("status returned by the PATCH").isEqualTo("cancelled");
        expectCancelledOnce(cluster, id, cancelsBefore);
    }

    @Test
    void cancelWithTheCliStopsTheSession(SharedExecutionStage.Stage stage) {
        ExecutionCluster cluster = stage.cluster();
        UUID id = runningForever(cluster, stage.sources(1).get(0));
        int cancelsBefore = cluster.dlg().dimCount("cancel_session");
        ServiceCluster.CliRun run = cluster.cli("execution", "cancel", id.toString());
        assertThat(run.exitCode()).as("beampipe execution cancel exit code; output:\n" + run.output()).isZero();
        expectCancelledOnce(cluster, id, cancelsBefore);
    }

    /** Admits the source with a DIM session that never ends and waits until it is submitted and RUNNING. */
    private static UUID runningForever(ExecutionCluster cluster, String source) {
        cluster.dlg().outcome("never_end");
        try {
            cluster.register(List.of(source));
            UUID id = cluster.awaitExecution(source, Duration.ofSeconds(60));
            cluster.awaitRow(id, Duration.ofSeconds(90), "is submitted and its DIM session observed running",
                    r -> "submitted".equals(r.getString("submission_state")) && "running".equals(r.getString("daliuge_state")));
            return id;
        } finally {
            cluster.dlg().outcome("finish");
        }
    }

    private static void expectCancelledOnce(ExecutionCluster cluster, UUID id, int cancelsBefore) {
        JsonObject row = cluster.row(id);
        assertThat(row.getString("status")).as("status after the cancel " + ExecutionCluster.summary(row)).isEqualTo("cancelled");
        assertThat(cluster.dlg().dimCount("cancel_session") - cancelsBefore).as("cancel requests the DIM received").isEqualTo(1);
        String sid = row.getString("daliuge_session_id");
        String status = cluster.dlg().sessionStatus(sid);
        assertThat(new JsonObject(status).stream().map(e -> ((Number) e.getValue()).intValue()).toList())
                .as("per-node session status at the DIM " + status).contains(SESSION_CANCELLED);

        // a poll tick after the cancel sees the session (CANCELLED, or the in-flight poll's answer) and must not touch the row
        long ticks = dimPollTicksDone(cluster);
        cluster.awaitTrue(Duration.ofSeconds(30), () -> dimPollTicksDone(cluster) >= ticks + 2,
                () -> "two more dim_poll_tick runs after the cancel of " + id);
        JsonObject after = cluster.row(id);
        assertThat(after.getString("status")).as("status after later polls " + ExecutionCluster.summary(after)).isEqualTo("cancelled");
        assertThat(ExecutionCluster.summary(after)).as("ledger axes after later polls").isEqualTo(ExecutionCluster.summary(row));
        assertThat(cluster.events(id, "execution.cancelled")).as("'execution.cancelled' events of " + id + ": "
                + cluster.eventLines(id)).isEqualTo(1);
        assertThat(cluster.eventTypes(id)).as("events of the cancelled execution")
                .doesNotContain("execution.completed", "execution.failed");
    }

    /** Finished runs of the recurring dim_poll_tick job (job claim history: a recurring run ends {@code requeued}). */
    private static long dimPollTicksDone(ExecutionCluster cluster) {
        return cluster.db().sql().count("SELECT count(*) FROM job_claim_history h JOIN jobs j ON j.uuid = h.job_id "
                + "WHERE j.kind = 'dim_poll_tick' AND h.event IN ('requeued', 'completed')");
    }
}
