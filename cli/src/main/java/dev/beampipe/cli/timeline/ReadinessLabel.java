package dev.beampipe.cli.timeline;

import dev.beampipe.model.sources.SourceRow;
import dev.beampipe.model.sources.SourceStatus;

/**
 * The one-word readiness the console's Sources view shows (50-operations §1.7), first match wins:
 * {@code disabled}, {@code pending admission}, {@code discovering} (a discovery claim is held), {@code not discovered},
 * {@code executed} (the current signature already ran), {@code ready (changed)}, else {@code blocked} (discovered but
 * a readiness check fails, e.g. a discovery flag).
 */
public final class ReadinessLabel {
    private ReadinessLabel() {
    }

    public static String of(SourceRow source, SourceStatus status) {
        if (!source.enabled()) {
            return "disabled";
        }
        if (status.workflowRunPending()) {
            return "pending admission";
        }
        if (source.discoveryClaimToken() != null) {
            return "discovering";
        }
        if (!status.discoveryComplete()) {
            return "not discovered";
        }
        if (status.signatureMatchesLastExecution()) {
            return "executed";
        }
        return status.readyForExecution() ? "ready (changed)" : "blocked";
    }
}
