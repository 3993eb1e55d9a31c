package dev.beampipe.model.db;

import io.vertx.pgclient.PgException;

import java.util.Optional;

/** PostgreSQL error conditions by SQLSTATE (never by message text), through any wrapping of the client. */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
    }

    public static Optional<String> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return Optional.ofNullable(pg.getSqlState());
            }
        }
        return Optional.empty();
    }

    public static boolean is(Throwable error, String state) {
        return of(error).filter(state::equals).isPresent();
    }
}
