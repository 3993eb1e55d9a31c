package dev.beampipe.api.executions;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ledger.ExecutionCreator;
import dev.beampipe.model.ledger.ExecutionRequest;
import dev.beampipe.model.ledger.IdempotencyKeys;
import dev.beampipe.model.ledger.NewExecution;
import dev.beampipe.model.ledger.ProfileCapReachedException;
import dev.beampipe.model.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /executions} (10-state-and-jobs §5.1): idempotent per (user, key) under a transaction-scoped advisory
 * lock; the insert itself (profile cap, signature, pins, pending flags cleared, {@code execution.created}) is the
 * shared {@link ExecutionCreator}, in the same transaction.
 */
@ApplicationScoped
public class ExecutionCreation {
    static final String KEY_CONFLICT = "Idempotency-Key was already used for a different execution request";

    private final Database db;
    private final ExecutionReads reads;
    private final ExecutionCreator creator;

    public ExecutionCreation(Database db, ExecutionReads reads) {
        this.db = db;
        this.reads = reads;
        this.creator = new ExecutionCreator(new JobQueue(db));
    }

    public record Outcome(ExecutionRow row, boolean created) {
    }

    /** The existing execution for an exact replay; 409 when the key was used for another request; empty when unused. */
    public Optional<ExecutionRow> replay(int userId, String key, String requestHash) {
        return db.inTransaction(sql -> {
            sql.advisoryXactLock(IdempotencyKeys.lockName(userId, key));
            return existing(sql, userId, key, requestHash);
        });
    }

    public Outcome create(int userId, String key, String requestHash, Admissions.Verdict v, String correlationId) {
        return db.inTransaction(sql -> {
            if (key != null) {
                sql.advisoryXactLock(IdempotencyKeys.lockName(userId, key));
                Optional<ExecutionRow> replayed = existing(sql, userId, key, requestHash);
                if (replayed.isPresent()) {
                    return new Outcome(replayed.get(), false);
                }
            }
            ExecutionRequest r = v.request();
            UUID id;
            try {
                id = creator.create(sql, new NewExecution(r.projectModule(), r.sources(), r.archiveName(), v.profile(),
                        v.revision() == null ? null : v.revision().id(), v.outputPolicy(), userId, key, requestHash,
                        correlationId, null));
            } catch (ProfileCapReachedException e) {
                throw ApiErrors.conflict(e.getMessage());
            }
            return new Outcome(reads.find(sql, id).orElseThrow(), true);
        });
    }

    private Optional<ExecutionRow> existing(Sql sql, int userId, String key, String requestHash) {
        Optional<ExecutionRow> row = sql.first(ExecutionRow.SELECT + " WHERE e.created_by_id = $1 AND e.create_idempotency_key = $2",
                ExecutionRow::from, userId, key);
        if (row.isPresent() && !requestHash.equals(row.get().createRequestSha256())) {
            throw ApiErrors.conflict(KEY_CONFLICT);
        }
        return row;
    }
}
