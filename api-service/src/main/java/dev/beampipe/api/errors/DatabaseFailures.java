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

    /** The SQLSTATE of a server-side error, for logs and for mapping specific conditions. */
    public static Optional<String> sqlState(Throwable error) {
        return SqlStates.of(error);
    }
}
