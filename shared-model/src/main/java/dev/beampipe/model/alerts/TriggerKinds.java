package dev.beampipe.model.alerts;

import java.util.List;
import java.util.Optional;

/** The alert rule vocabulary (50-operations §4.4): trigger kinds and, unlike the reference, severities. */
public final class TriggerKinds {
    public static final List<String> KNOWN = List.of("execution_terminal", "discovery_changed", "pending_backlog",
            "pending_stale", "discovery_stall", "dependency_down", "daily_summary");
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private TriggerKinds() {
    }

    public static Optional<String> triggerProblem(String kind) {
        if (kind != null && KNOWN.contains(kind)) {
            return Optional.empty();
        }
        return Optional.of("unknown trigger_kind '" + kind + "'; expected one of: " + String.join(", ", KNOWN));
    }

    public static Optional<String> severityProblem(String severity) {
        if (severity != null && SEVERITIES.contains(severity)) {
            return Optional.empty();
        }
        return Optional.of("severity must be one of: " + String.join(", ", SEVERITIES));
    }
}
