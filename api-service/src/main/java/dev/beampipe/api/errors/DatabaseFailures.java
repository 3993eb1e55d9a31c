package dev.beampipe.api.errors;

import dev.beampipe.model.db.SqlStates;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.util.Optional;

/**
 * Recognises failures of the PostgreSQL client by type (20-api §8 item 18), never by message text:
 * server errors (with their SQLSTATE), refused or dropped connections, and the pool's await timeouts.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    public static boolean isDatabaseFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException || t instanceof ClosedConnectionException || t instanceof ConnectException
                    || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Conditions caused by the request's values rather than by the database, answered as client errors instead
     * of the reference's 500 (20-api §8 item 18, listed in docs/differences.md): over-long or unstorable values
     * (class 22) and check violations are 400, unique and foreign-key violations are 409. The transaction
     * failed, so nothing was changed.
     */
    public static Optional<ApiException> clientError(String sqlState) {
        if (sqlState.equals(SqlStates.UNIQUE_VIOLATION)) {
            return Optional.of(ApiErrors.conflict("a resource with the same unique name or key already exists"));
        }
        if (sqlState.equals(SqlStates.FOREIGN_KEY_VIOLATION)) {
            return Optional.of(ApiErrors.conflict("the request refers to a missing resource, or the resource is still referenced"));
        }
        if (sqlState.equals("23514") || sqlState.equals("23502")) {
            return Optional.of(ApiErrors.badRequest("a value in the request violates a constraint of the stored resource"));
        }
        return switch (sqlState) {
            case "22001" -> Optional.of(ApiErrors.badRequest("a value in the request is longer than its field allows"));
            case "22P05", "22021" -> Optional.of(ApiErrors.badRequest("a text value in the request contains a character that cannot be stored (such as NUL)"));
            case "22003" -> Optional.of(ApiErrors.badRequest("a number in the request is out of range"));
            case "22P02", "22007", "22008" -> Optional.of(ApiErrors.badRequest("a value in the request has an invalid format"));
            default -> sqlState.startsWith("22")
                    ? Optional.of(ApiErrors.badRequest("a value in the request cannot be stored"))
                    : Optional.empty();
        };
    }

    /** The SQLSTATE of a server-side error, for logs and for mapping specific conditions. */
    public static Optional<String> sqlState(Throwable error) {
        return SqlStates.of(error);
    }
}
