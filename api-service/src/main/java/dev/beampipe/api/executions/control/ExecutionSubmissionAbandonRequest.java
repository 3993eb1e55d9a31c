package dev.beampipe.api.executions.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.beampipe.model.ledger.control.SubmissionAbandonment;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** {@code POST /executions/{id}/submission/abandon} body; strict, every field required (20-api §2.4). */
@Schema(name = "ExecutionSubmissionAbandonRequest", requiredProperties = {"reason", "expected_submission_state",
        "expected_daliuge_session_id", "expected_submission_deadline_at", "acknowledge_external_job_may_exist"})
public record ExecutionSubmissionAbandonRequest(
        @Schema(description = "Required operator rationale, stored with the durable abandonment evidence.",
                minLength = 1, maxLength = 1000)
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String reason,
        @Schema(description = "Compare-and-set guard. Only `in_flight` and `uncertain` may be abandoned.")
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String expectedSubmissionState,
        @Schema(description = "Compare-and-set guard for the exact DALiuGE/Slurm submission name.")
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String expectedDaliugeSessionId,
        @Schema(description = "Compare-and-set guard for the persisted backend submission deadline.")
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) OffsetDateTime expectedSubmissionDeadlineAt,
        @Schema(description = "Explicit acknowledgement that negative scheduler or DIM evidence cannot prove non-existence.")
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) Boolean acknowledgeExternalJobMayExist) {

    SubmissionAbandonment.Request toRule() {
        return new SubmissionAbandonment.Request(reason, expectedSubmissionState, expectedDaliugeSessionId,
                expectedSubmissionDeadlineAt, acknowledgeExternalJobMayExist);
    }
}
