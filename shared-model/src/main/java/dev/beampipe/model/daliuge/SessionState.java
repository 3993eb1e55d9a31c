package dev.beampipe.model.daliuge;

import java.util.Locale;

/**
 * A DALiuGE session state ({@code SessionStates}, 40-backends §3.3) plus {@code UNKNOWN}. {@link #ledgerValue()}
 * is the ledger's {@code daliuge_state} axis value (10-state-and-jobs §2.4).
 */
public enum SessionState {
    PRISTINE, BUILDING, DEPLOYING, RUNNING, FINISHED, CANCELLED, FAILED, UNKNOWN;

    public String ledgerValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The axis' "active" set: {@code pristine|building|deploying|running}. */
    public boolean active() {
        return this == PRISTINE || this == BUILDING || this == DEPLOYING || this == RUNNING;
    }

    public boolean terminal() {
        return this == FINISHED || this == CANCELLED || this == FAILED;
    }
}
