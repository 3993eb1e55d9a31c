package dev.beampipe.model.daliuge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One successful poll (40-backends §3.9): the session status, the graph status when the DIM could give one
 * (empty while the session is still PRISTINE/BUILDING/DEPLOYING, decision 10), and what they imply.
 */
public record DimPollResult(String sessionId, SessionStatus status, Optional<GraphStatus> graphStatus,
                            Instant observedAt) {

    public List<String> errorDropUids() {
        return graphStatus.map(GraphStatus::errorDropUids).orElse(List.of());
    }

    /** {@code completed|cancelled|failed|running}. */
    public String executionStatus() {
        return DaliugeStates.executionStatus(status.state(), !errorDropUids().isEmpty());
    }

    /** The ledger's {@code daliuge_state} value. */
    public String ledgerState() {
        return DaliugeStates.ledgerState(status.state(), !errorDropUids().isEmpty());
    }

    public boolean terminal() {
        return !executionStatus().equals("running");
    }
}
