package dev.beampipe.model.ledger.state;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Test rows: a created execution moved along by direct column changes (the fixtures, not the code under test). */
final class Rows {
    static final UUID ID = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 29, 9, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime T1 = T0.plusMinutes(1);
    static final OffsetDateTime T2 = T0.plusMinutes(2);
    static final OffsetDateTime T3 = T0.plusMinutes(3);

    private Rows() {
    }

    static ExecutionRow pending() {
        return ExecutionRow.created(ID, false);
    }

    static ExecutionRow gatedPending() {
        return ExecutionRow.created(ID, true);
    }

    static ExecutionRow.Builder in(ExecutionStatus status) {
        ExecutionRow.Builder b = pending().toBuilder().status(status);
        if (status != ExecutionStatus.PENDING) {
            b.startedAt(T0).executionPhase(ExecutionPhase.STAGE_AND_MANIFEST).controlPhase(ControlPhase.ADMITTED);
        }
        return b;
    }

    static ExecutionRow running() {
        return in(ExecutionStatus.RUNNING).build();
    }
}
