package dev.beampipe.api.executions;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * The read side of the execution ledger: one row by id and its curated view. Shared by the execution
 * endpoints (admission, control, verification), so keep it free of request concerns.
 */
@ApplicationScoped
public class ExecutionReads {
    private final Database db;

    public ExecutionReads(Database db) {
        this.db = db;
    }

    public Optional<ExecutionRow> find(UUID id) {
        return find(db.sql(), id);
    }

    /** Inside the caller's transaction (e.g. to read back a row it just wrote). */
    public Optional<ExecutionRow> find(Sql sql, UUID id) {
        return sql.first(ExecutionRow.SELECT + " WHERE e.uuid = $1", ExecutionRow::from, id);
    }

    public ExecutionRead render(ExecutionRow row) {
        return ExecutionRead.of(row);
    }

    public boolean exists(UUID id) {
        return db.sql().count("SELECT count(*) FROM batch_execution_record WHERE uuid = $1", id) > 0;
    }
}
