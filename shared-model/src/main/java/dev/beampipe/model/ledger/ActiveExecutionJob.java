package dev.beampipe.model.ledger;

import dev.beampipe.model.db.Sql;

import java.util.Optional;
import java.util.UUID;

/**
 * The job currently working on an execution, as the ledger snapshot (20-api) and {@code beampipe timeline execution}
 * show it: a queued or running {@code execute} or {@code dim_poll} job, running before queued, {@code execute} before
 * {@code dim_poll}, oldest first.
 */
public final class ActiveExecutionJob {
    private ActiveExecutionJob() {
    }

    public static Optional<UUID> of(Sql sql, UUID executionId) {
        return sql.first("SELECT uuid FROM jobs WHERE execution_id = $1 AND status IN ('running', 'queued') "
                + "AND kind IN ('execute', 'dim_poll') ORDER BY (status = 'running') DESC, (kind = 'execute') DESC, "
                + "created_at LIMIT 1", row -> row.getUUID(0), executionId);
    }
}
