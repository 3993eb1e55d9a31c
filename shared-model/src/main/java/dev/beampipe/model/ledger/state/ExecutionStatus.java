package dev.beampipe.model.ledger.state;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The aggregate {@code batch_execution_record.status} and its domain state machine (10-state §2.3). */
public enum ExecutionStatus implements AxisValue {
    PENDING("pending"),
    RUNNING("running"),
    AWAITING_SCHEDULER("awaiting_scheduler"),
    NOT_SUBMITTED("not_submitted"),
    COMPLETED("completed"),
    FAILED("failed"),
    RETRYING("retrying"),
    CANCELLED("cancelled");

    public static final Set<ExecutionStatus> TERMINAL = Set.copyOf(EnumSet.of(COMPLETED, FAILED, CANCELLED, NOT_SUBMITTED));
    /** The ledger patch path can never move these again (a change away is silently dropped). */
    public static final Set<ExecutionStatus> LOCKED_TERMINAL = Set.copyOf(EnumSet.of(COMPLETED, CANCELLED));
    /** Counted by the admission caps. */
    public static final Set<ExecutionStatus> IN_FLIGHT = Set.copyOf(EnumSet.of(PENDING, RUNNING, RETRYING, AWAITING_SCHEDULER));
    /** The "non-terminal" list the metrics use (it includes {@code not_submitted}, which is terminal elsewhere). */
    public static final Set<ExecutionStatus> NON_TERMINAL_FOR_METRICS =
            Set.copyOf(EnumSet.of(PENDING, RUNNING, AWAITING_SCHEDULER, RETRYING, NOT_SUBMITTED));

    private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(RUNNING, CANCELLED, FAILED),
            RUNNING, EnumSet.of(AWAITING_SCHEDULER, COMPLETED, NOT_SUBMITTED, FAILED, CANCELLED),
            AWAITING_SCHEDULER, EnumSet.of(RUNNING, COMPLETED, FAILED, CANCELLED),
            NOT_SUBMITTED, EnumSet.of(RUNNING, CANCELLED),
            FAILED, EnumSet.of(RETRYING, RUNNING, CANCELLED),
            RETRYING, EnumSet.of(RUNNING, FAILED, CANCELLED),
            COMPLETED, EnumSet.noneOf(ExecutionStatus.class),
            CANCELLED, EnumSet.noneOf(ExecutionStatus.class));

    private final String wire;

    ExecutionStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    public boolean lockedTerminal() {
        return LOCKED_TERMINAL.contains(this);
    }

    public boolean inFlight() {
        return IN_FLIGHT.contains(this);
    }

    /** The domain transition table; a self-transition is always accepted (as a no-op). */
    public static boolean allows(ExecutionStatus from, ExecutionStatus to) {
        return from == to || ALLOWED.get(from).contains(to);
    }

    /** The status text when it is one of the eight statuses; empty for anything else (including NULL). */
    public static java.util.Optional<ExecutionStatus> find(String text) {
        for (ExecutionStatus s : values()) {
            if (s.wire.equals(text)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The status column has a CHECK constraint, so unlike the axes an unknown value is not defaulted: it is an
     * error naming the value.
     */
    public static ExecutionStatus parse(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("unknown execution status '" + text + "'"));
    }

    @Override
    public String toString() {
        return wire;
    }
}
