package dev.beampipe.api.projects;

import dev.beampipe.model.db.Database;

/**
 * Executions of a project that are still in flight (10-state §7: pending, running, retrying, awaiting_scheduler)
 * and pin a revision whose {@code spec_sha256} differs from the one being uploaded (30-project-config §5.3).
 */
final class InFlightPins {
    private final Database db;

    InFlightPins(Database db) {
        this.db = db;
    }

    long count(String projectId, String specSha256) {
        return db.sql().count("SELECT count(*) FROM batch_execution_record e "
                + "JOIN project_configs c ON c.uuid = e.project_config_id "
                + "WHERE e.project_module = $1 AND e.status IN ('pending', 'running', 'retrying', 'awaiting_scheduler') "
                + "AND c.spec_sha256 <> $2", projectId, specSha256);
    }
}
