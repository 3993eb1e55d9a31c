package dev.beampipe.model.admission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure rules of one project's execution tick (10-state-and-jobs §3.8 steps 1-7): from the tick's facts, either
 * why nothing is admitted or how many executions may be created and how many pending sources to claim. The
 * database side is {@link ExecutionAdmitter}.
 */
public final class ExecutionAdmissionPlan {
    private ExecutionAdmissionPlan() {
    }

    /**
     * What the tick knows before claiming. {@code oldestPendingAt} is null when nothing is pending. The profile is
     * {@link ProfileFacts#MISSING} when the named profile (or, unnamed, a default) does not exist.
     */
    public record Facts(long projectInFlight, long globalInFlight, long queueDepth, long pendingSources,
                        Instant oldestPendingAt, ProfileFacts profile, Instant now) {
    }

    /** The resolved profile's cap ({@code max_concurrent_executions}, null = none) and its in-flight executions. */
    public record ProfileFacts(boolean exists, Long cap, long inFlight) {
        public static final ProfileFacts MISSING = new ProfileFacts(false, null, 0);

        public static ProfileFacts of(Long cap, long inFlight) {
            return new ProfileFacts(true, cap, inFlight);
        }
    }

    public sealed interface Decision permits Skip, Admit {
    }

    public record Skip(SkipReason reason) implements Decision {
    }

    /** Create at most {@code runLimit} executions from at most {@code claimLimit} claimed sources. */
    public record Admit(int runLimit, int claimLimit) implements Decision {
    }

    public static Decision plan(ExecutionLimits limits, Facts f) {
        if (limits.projectRunCap() != null && f.projectInFlight() >= limits.projectRunCap()) {
            return new Skip(SkipReason.PROJECT_IN_FLIGHT_CAP);
        }
        if (f.globalInFlight() >= limits.globalRunCap()) {
            return new Skip(SkipReason.IN_FLIGHT_CAP);
        }
        if (f.queueDepth() >= limits.queueMaxDepth()) {
            return new Skip(SkipReason.QUEUE_FULL);
        }
        if (f.pendingSources() <= 0) {
            return new Skip(SkipReason.NO_PENDING_SOURCES);
        }
        if (!maxWaitTriggered(limits, f) && f.pendingSources() < limits.minSourcesToTrigger()) {
            return new Skip(SkipReason.THRESHOLD_NOT_MET);
        }
        if (!f.profile().exists()) {
            return new Skip(SkipReason.PROFILE_MISSING);
        }
        long runLimit = limits.tickRunLimit();
        if (limits.projectRunCap() != null) {
            runLimit = Math.min(runLimit, limits.projectRunCap() - f.projectInFlight());
            if (runLimit <= 0) {
                return new Skip(SkipReason.PROJECT_IN_FLIGHT_CAP);
            }
        }
        runLimit = Math.min(runLimit, limits.globalRunCap() - f.globalInFlight());
        if (runLimit <= 0) {
            return new Skip(SkipReason.IN_FLIGHT_CAP);
        }
        if (f.profile().cap() != null) {
            runLimit = Math.min(runLimit, f.profile().cap() - f.profile().inFlight());
            if (runLimit <= 0) {
                return new Skip(SkipReason.PROFILE_IN_FLIGHT_CAP);
            }
        }
        long claim = Math.min(limits.tickSourceLimit(), runLimit * limits.maxSourcesPerExecution());
        return new Admit((int) runLimit, (int) claim);
    }

    /** The oldest pending source has waited at least {@code max_wait_minutes}. */
    public static boolean maxWaitTriggered(ExecutionLimits limits, Facts f) {
        return f.oldestPendingAt() != null
                && !f.oldestPendingAt().isAfter(f.now().minus(Duration.ofMinutes(limits.maxWaitMinutes())));
    }

    /** Consecutive chunks of {@code size} (the last may be shorter), in order. */
    public static <T> List<List<T>> chunks(List<T> items, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + size);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }
}
