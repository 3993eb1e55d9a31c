package dev.beampipe.api.health;

import dev.beampipe.api.errors.Diagnostic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of one readiness run, checks in the order they ran. */
public record ReadyReport(Map<String, ReadyCheck> checks, long queueDepth, long jobsRunning) {
    public ReadyReport {
        checks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checks));
    }

    /** The database answered (the first check). */
    public boolean databaseUp() {
        ReadyCheck database = checks.get(ReadinessChecks.DATABASE);
        return database != null && database.ok();
    }

    public boolean ready() {
        return checks.values().stream().allMatch(ReadyCheck::ok);
    }

    public List<Diagnostic> problems() {
        return checks.values().stream().map(ReadyCheck::problem).flatMap(Optional::stream).toList();
    }
}
