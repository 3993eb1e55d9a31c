package dev.beampipe.api.executions;

import java.util.UUID;

/** 202 of {@code POST /executions/{id}/execute}. */
public record ExecuteResponse(String status, UUID executionId, UUID jobId, boolean doStage, boolean doSubmit) {
    static ExecuteResponse accepted(UUID executionId, UUID jobId, dev.beampipe.model.ledger.ExecuteFlags flags) {
        return new ExecuteResponse("accepted", executionId, jobId, flags.doStage(), flags.doSubmit());
    }
}
