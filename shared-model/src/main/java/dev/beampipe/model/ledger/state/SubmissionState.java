package dev.beampipe.model.ledger.state;

import java.util.EnumSet;
import java.util.Set;

/** {@code submission_state} (10-state §2.4–2.5; default {@code not_started}; {@code preparing} is never written). */
public enum SubmissionState implements AxisValue {
    NOT_STARTED("not_started"),
    PREPARING("preparing"),
    IN_FLIGHT("in_flight"),
    SUBMITTED("submitted"),
    UNCERTAIN("uncertain"),
    FAILED("failed");

    /** An external submission may exist: nothing automatic may submit again (§2.5, §7.5 item 54). */
    public static final Set<SubmissionState> HOLDS_AUTOMATIC_WORK = Set.copyOf(EnumSet.of(IN_FLIGHT, UNCERTAIN, SUBMITTED));
    /** The states {@code begin_execution_submission} may start from. */
    public static final Set<SubmissionState> MAY_BEGIN = Set.copyOf(EnumSet.of(NOT_STARTED, PREPARING, FAILED));

    private final String wire;

    SubmissionState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean holdsAutomaticWork() {
        return HOLDS_AUTOMATIC_WORK.contains(this);
    }

    public static SubmissionState parse(String text) {
        return AxisValue.parse(SubmissionState.class, text, NOT_STARTED);
    }

    @Override
    public String toString() {
        return wire;
    }
}
