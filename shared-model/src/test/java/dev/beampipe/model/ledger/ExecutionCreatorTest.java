package dev.beampipe.model.ledger;

import dev.beampipe.model.admission.AdmissionFixture;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared ledger insert (10-state-and-jobs §5.1, pinned behaviours §7.3 item 23). */
class ExecutionCreatorTest {

    static NewExecution automated(StoredProfile profile, String pool) {
        return new NewExecution(AdmissionFixture.MODULE, List.of(new SourceSelection("S0", null)), "casda", profile, null,
                OutputVerification.DEFAULT, null, null, null, "corr-1",
                new NewExecution.Automation(new JsonObject().put("policy_decision", "admitted"), pool,
                        new JsonObject().put("traceparent", "00-abc-def-01")));
    }

    @Test
    void anAutomatedCreationCommitsTheExecutionAndItsJobTogether() {
        try (TestDatabase t = TestDatabase.create()) {
            AdmissionFixture fx = new AdmissionFixture(t.db());
            fx.readyPending("S0", 5);
            StoredProfile profile = fx.slurmProfile(null);
            ExecutionCreator creator = new ExecutionCreator(new JobQueue(t.db()));

            UUID id = t.db().inTransaction(sql -> creator.create(sql, automated(profile, "gpu")));
            var job = new JobQueue(t.db()).findByKey(ExecuteFlags.jobKey(id)).orElseThrow();
            assertThat(job.payload().getString("execution_id")).isEqualTo(id.toString());
            assertThat(job.payload().getString("traceparent")).isEqualTo("00-abc-def-01");
            assertThat(fx.count("SELECT count(*) FROM jobs WHERE pool = 'gpu' AND required_capability = 'slurm-remote' "
                    + "AND execution_id = $1", id)).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM batch_execution_record WHERE uuid = $1 AND scheduler_name = 'workflow_auto' "
                    + "AND workflow_manifest->'beampipe_run_record'->'scheduler'->>'policy_decision' = 'admitted'", id)).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM source_registry WHERE workflow_run_pending")).isZero();

            // a job insert that fails (pool name of 65 characters) leaves no execution behind
            fx.readyPending("S1", 5);
            NewExecution tooLong = new NewExecution(AdmissionFixture.MODULE, List.of(new SourceSelection("S1", null)), "casda",
                    profile, null, OutputVerification.DEFAULT, null, null, null, "corr-2",
                    new NewExecution.Automation(new JsonObject(), "p".repeat(65), new JsonObject()));
            assertThatThrownBy(() -> t.db().inTransaction(sql -> creator.create(sql, tooLong))).hasMessageContaining("too long");
            assertThat(fx.count("SELECT count(*) FROM batch_execution_record")).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM source_registry WHERE workflow_run_pending AND source_identifier = 'S1'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theProfileCapIsCheckedInsideTheTransaction() {
        try (TestDatabase t = TestDatabase.create()) {
            AdmissionFixture fx = new AdmissionFixture(t.db());
            fx.readyPending("S0", 5);
            StoredProfile profile = fx.slurmProfile(1L);
            fx.inFlightExecution("elsewhere", profile);
            ExecutionCreator creator = new ExecutionCreator(new JobQueue(t.db()));
            assertThatThrownBy(() -> t.db().inTransaction(sql -> creator.create(sql, automated(profile, "default"))))
                    .isInstanceOf(ProfileCapReachedException.class)
                    .hasMessage("deployment profile 'slurm-remote' concurrency limit reached (1/1)");
            assertThat(fx.count("SELECT count(*) FROM batch_execution_record")).isEqualTo(1);
        }
    }
}
