package dev.beampipe.systemtests.execution;

import dev.beampipe.systemtests.OperatorApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 acceptance 4: the DIM applies the deploy and then drops the connection without a reply. The worker cannot
 * know whether the deploy happened, so the submission becomes {@code uncertain} (never blindly retried: one create,
 * one deploy); reconciliation looks the deterministic session up, finds it and resumes polling to FINISHED; the
 * run then completes through the output verification gate. An abandonment request for the resolved submission is
 * refused by the spec's guards and changes nothing.
 */
@ExtendWith(SharedExecutionStage.class)
class ExecutionUncertainSubmissionIT {

    @Test
    void aConnectionDroppedAfterDeployIsUncertainAndReconciliationFindsTheSessionAndResumesPolling(SharedExecutionStage.Stage stage) {
        ExecutionCluster cluster = stage.cluster();
        OperatorApi api = stage.api();
        String source = stage.sources(1).get(0);
        int deploysBefore = cluster.dlg().dimCount("deploy_session");

        cluster.dlg().dimDrop("deploy_session", 1);
        cluster.register(List.of(source));
        UUID id = cluster.awaitExecution(source, Duration.ofSeconds(60));
        cluster.awaitTrue(Duration.ofSeconds(90), () -> cluster.dlg().dimCount("deploy_session") > deploysBefore,
                () -> "the deploy of " + id + " reached the DIM (and had its connection dropped)");
        cluster.awaitTrue(Duration.ofSeconds(30), () -> "uncertain".equals(cluster.row(id).getString("submission_state"))
                        || cluster.events(id, "execution.submission_uncertain") > 0,
                () -> "the submission of " + id + " held as uncertain (submission_state or an execution.submission_uncertain event); row "
                        + ExecutionCluster.summary(cluster.row(id)));

        JsonObject row = cluster.awaitRow(id, Duration.ofSeconds(90), "resumes polling to FINISHED after reconciliation",
                ExecutionCluster::finishedRunning);
        assertThat(row.getString("daliuge_state")).as("DALiuGE state after reconciliation " + ExecutionCluster.summary(row))
                .isEqualTo("finished");
        assertThat(row.getString("status")).as("status: waiting for the trusted publisher, not failed").isEqualTo("running");
        assertThat(cluster.dlg().createRequestsFor(id)).as("DIM session-create requests for " + id + ": never retried").isEqualTo(1);
        assertThat(cluster.dlg().dimCount("deploy_session") - deploysBefore).as("DIM deploys: the dropped one was not re-sent").isEqualTo(1);
        assertThat(cluster.events(id, "execution.submission_uncertain")).as("'execution.submission_uncertain' events (at least one)")
                .isGreaterThanOrEqualTo(1);
        JsonArray observations = new JsonArray(api.get("/executions/" + id + "/observations"));
        assertThat(observations.stream().map(o -> (JsonObject) o).filter(o -> "daliuge_session".equals(o.getString("kind")))
                .map(o -> o.getString("normalized_state")).toList())
                .as("DIM session observations recorded by the resumed polling").contains("finished");

        OperatorApi.Reply abandon = api.send("POST", "/executions/" + id + "/submission/abandon", new JsonObject()
                .put("reason", "system test: the DIM connection dropped after deploy")
                .put("expected_submission_state", "uncertain")
                .put("expected_daliuge_session_id", row.getString("daliuge_session_id"))
                .put("expected_submission_deadline_at", row.getString("submission_deadline_at") != null
                        ? row.getString("submission_deadline_at") : Instant.now().toString())
                .put("acknowledge_external_job_may_exist", true));
        assertThat(abandon.status()).as("abandoning a submission whose session reconciliation found: " + abandon.body()).isEqualTo(409);
        assertThat(ExecutionCluster.summary(cluster.row(id))).as("the row after the refused abandonment")
                .isEqualTo(ExecutionCluster.summary(row));

        OperatorApi.Reply verified = TrustedPublisher.verify(api, id, source);
        assertThat(verified.status()).as("outputs/verify: " + verified.body()).isEqualTo(200);
        assertThat(cluster.row(id).getString("status")).as("status after verification").isEqualTo("completed");
    }
}
