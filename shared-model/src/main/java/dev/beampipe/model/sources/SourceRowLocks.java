package dev.beampipe.model.sources;

import dev.beampipe.model.db.Sql;
import io.vertx.mutiny.sqlclient.Row;

import java.util.Collection;
import java.util.List;

/**
 * The one way to take row locks on {@code source_registry} before updating several rows: {@code FOR UPDATE} in
 * {@code source_identifier} order. Every writer that changes more than one source row in a transaction (execution
 * creation, admission release, terminal outcomes, operator retry) locks through here first, so two transactions over
 * the same sources always queue in the same order instead of deadlocking (a plain {@code UPDATE … = ANY(...)} locks
 * in heap order).
 */
public final class SourceRowLocks {
    private SourceRowLocks() {
    }

    /**
     * Locks the module's rows among {@code identifiers}; each returned row holds {@code source_identifier} then
     * {@code columns} (a comma-separated list, may be empty), in identifier order. Missing identifiers are skipped.
     */
    public static List<Row> lock(Sql sql, String module, Collection<String> identifiers, String columns) {
        return sql.list("SELECT source_identifier" + (columns == null || columns.isBlank() ? "" : ", " + columns)
                        + " FROM source_registry WHERE project_module = $1 AND source_identifier = ANY($2::text[]) "
                        + "ORDER BY source_identifier FOR UPDATE", r -> r, module, identifiers.toArray(String[]::new));
    }

    public static List<String> lock(Sql sql, String module, Collection<String> identifiers) {
        return lock(sql, module, identifiers, "").stream().map(r -> r.getString(0)).toList();
    }

    /** Locks the module's rows whose workflow claim is {@code token}, in identifier order; returns their identifiers. */
    public static List<String> lockClaimedBy(Sql sql, String module, String token) {
        return sql.list("SELECT source_identifier FROM source_registry WHERE project_module = $1 "
                + "AND workflow_claim_token = $2 ORDER BY source_identifier FOR UPDATE", r -> r.getString(0), module, token);
    }
}
