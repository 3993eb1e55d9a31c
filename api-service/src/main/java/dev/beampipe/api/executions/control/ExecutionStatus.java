package dev.beampipe.api.executions.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The aggregate execution status (10-state §2.3) as a request value; unknown values are rejected with 422. */
@Schema(name = "ExecutionStatus", enumeration = {"pending", "running", "awaiting_scheduler", "not_submitted", "completed",
        "failed", "retrying", "cancelled"})
public enum ExecutionStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("running") RUNNING,
    @JsonProperty("awaiting_scheduler") AWAITING_SCHEDULER,
    @JsonProperty("not_submitted") NOT_SUBMITTED,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("retrying") RETRYING,
    @JsonProperty("cancelled") CANCELLED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
