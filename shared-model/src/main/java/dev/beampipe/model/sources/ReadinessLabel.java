package dev.beampipe.model.sources;

import dev.beampipe.model.config.signature.DiscoverySignature;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A source's one-word readiness in the console's words (50-operations §1.7): the {@code readiness} label of
 * {@code beampipe_sources_by_readiness} and what {@code beampipe timeline source} shows. The first matching rule
 * wins, so every source has exactly one. {@code blocked} (discovered and changed, but a readiness check such as a
 * discovery flag fails) needs the per-source readiness checks, which only the timeline and the API evaluate; the gauge
 * query does not, so it counts those sources as {@code ready (changed)}.
 */
public enum ReadinessLabel {
    DISABLED("disabled"),
    DISCOVERING("discovering"),
    PENDING_ADMISSION("pending admission"),
    NOT_DISCOVERED("not discovered"),
    NO_DATASETS("no datasets"),
    EXECUTED("executed"),
    READY_CHANGED("ready (changed)"),
    BLOCKED("blocked");

    /** The labels a gauge query can tell apart (everything but {@link #BLOCKED}). */
    public static final Set<ReadinessLabel> GAUGED = Set.copyOf(EnumSet.complementOf(EnumSet.of(BLOCKED)));

    private final String label;

    ReadinessLabel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The facts about one source row.
     *
     * @param discovering   discovery claim held and unexpired
     * @param pending       {@code workflow_run_pending}
     * @param discovered    a non-empty {@code discovery_signature}
     * @param noDatasets    the signature is the no-datasets signature (the last discovery found nothing)
     * @param executed      the signature equals {@code last_executed_discovery_signature}
     * @param blocked       a readiness check fails (false where the checks are not evaluated)
     */
    public record Facts(boolean enabled, boolean discovering, boolean pending, boolean discovered, boolean noDatasets,
                        boolean executed, boolean blocked) {

        /** The facts of a registry row and its evaluated status (readiness checks included). */
        public static Facts of(SourceRow source, SourceStatus status, Instant now) {
            String signature = source.discoverySignature();
            boolean discovered = signature != null && !signature.isEmpty();
            boolean discovering = source.discoveryClaimToken() != null
                    && (source.discoveryClaimExpiresAt() == null || source.discoveryClaimExpiresAt().isAfter(now));
            return new Facts(source.enabled(), discovering, source.workflowRunPending(), discovered,
                    DiscoverySignature.NO_DATASETS_SIGNATURE.equals(signature), status.signatureMatchesLastExecution(),
                    !status.readyForExecution());
        }
    }

    public static ReadinessLabel of(Facts f) {
        if (!f.enabled()) {
            return DISABLED;
        }
        if (f.discovering()) {
            return DISCOVERING;
        }
        if (f.pending()) {
            return PENDING_ADMISSION;
        }
        if (!f.discovered()) {
            return NOT_DISCOVERED;
        }
        if (f.noDatasets()) {
            return NO_DATASETS;
        }
        if (f.executed()) {
            return EXECUTED;
        }
        return f.blocked() ? BLOCKED : READY_CHANGED;
    }
}
