package dev.beampipe.model.db;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Blocking helpers over a reactive client or connection: positional {@code $1..$n} parameters. */
public final class Sql {
    private final SqlClient client;

    Sql(SqlClient client) {
        this.client = client;
    }

    public RowSet<Row> execute(String sql, Object... args) {
        return client.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Database.STATEMENT_TIMEOUT);
    }

    public int update(String sql, Object... args) {
        return execute(sql, args).rowCount();
    }

    public <T> List<T> list(String sql, Function<Row, T> mapper, Object... args) {
        List<T> out = new ArrayList<>();
        for (Row row : execute(sql, args)) {
            out.add(mapper.apply(row));
        }
        return out;
    }

    public <T> Optional<T> first(String sql, Function<Row, T> mapper, Object... args) {
        for (Row row : execute(sql, args)) {
            return Optional.ofNullable(mapper.apply(row));
        }
        return Optional.empty();
    }

    public long count(String sql, Object... args) {
        return first(sql, r -> r.getLong(0), args).orElse(0L);
    }

    /**
     * Takes the transaction-scoped advisory lock named {@code name} (hashed with {@code hashtextextended(name, 0)},
     * the reference's scheme), waiting for it; released at commit or rollback. Only meaningful inside a transaction.
     */
    public void advisoryXactLock(String name) {
        execute("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS locked", name);
    }
}
