package dev.beampipe.model.ledger.slurm;

import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.slurm.protocol.JobObservation;
import dev.beampipe.model.slurm.protocol.SlurmState;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What one Slurm poll of one job produced: an observation, or a poll error (40-backends §4.8, §8.3). */
public sealed interface SlurmPollOutcome {
    String OBSERVATION_KIND = "scheduler";

    String jobId();

    Instant observedAt();

    /**
     * @param dryRun produced without SSH for an execution submitted in dry-run mode (source {@code dry_run},
     *               {@code COMPLETED}, exit 0: the reference's mock poll)
     */
    record Observed(JobObservation observation, Instant observedAt, boolean dryRun) implements SlurmPollOutcome {
        public static final String DRY_RUN_SOURCE = "dry_run";

        public static Observed dryRun(String jobId, Instant at) {
            return new Observed(new JobObservation(jobId, SlurmState.COMPLETED, "COMPLETED", DRY_RUN_SOURCE,
                    "COMPLETED", 0, null), at, true);
        }

        @Override
        public String jobId() {
            return observation.jobId();
        }

        public SlurmState state() {
            return observation.state();
        }

        public JsonObject payload() {
            JsonObject out = new JsonObject().put("slurm_job_id", observation.jobId())
                    .put("state", observation.state().name()).put("raw_state", observation.rawState())
                    .put("source", observation.source()).put("raw_line", SlurmRunRecord.bounded(observation.rawLine()))
                    .put("exit_code", observation.exitCode()).put("reason", observation.reason())
                    .put("observed_at", SlurmRunRecord.timestamp(observedAt));
            return dryRun ? out.put("dry_run", true) : out;
        }
    }

    /**
     * A poll that failed ({@code record_slurm_poll_failure}); {@code error} is already redacted. {@code errorKind}:
     * {@code target_query_failed}, {@code target_query_timeout}, or a configuration kind
     * ({@code invalid_scheduler_job_id}, {@code missing_deployment_profile}, {@code invalid_deployment_profile_kind},
     * {@code invalid_deployment_profile_snapshot}, …; not retryable).
     */
    record Failed(String jobId, String errorKind, FailureClass failureClass, boolean retryable, String error,
                  Instant observedAt) implements SlurmPollOutcome {
        public static final String SYSTEM_ACTION = "scheduler state preserved; poll again next tick";

        public JsonObject payload() {
            return new JsonObject().put("slurm_job_id", jobId).put("error_kind", errorKind).put("retryable", retryable)
                    .put("failure_class", failureClass.wire()).put("observed_at", SlurmRunRecord.timestamp(observedAt))
                    .put("system_action", SYSTEM_ACTION);
        }
    }
}
