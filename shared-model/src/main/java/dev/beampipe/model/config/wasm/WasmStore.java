package dev.beampipe.model.config.wasm;

import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.mutiny.sqlclient.Row;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code project_config_wasm}: modules addressed by SHA-256 per config revision, always attached to the project's
 * active revision. The upload takes the project's config-upload advisory lock, so a module never attaches to a
 * revision that a concurrent upload has just deactivated; a re-upload of the same bytes refreshes the row.
 */
public final class WasmStore {
    private final Database db;

    public WasmStore(Database db) {
        this.db = db;
    }

    /** Empty when the project has no active revision. The bytes must already be validated. */
    public Optional<StoredWasm> upload(String projectId, byte[] bytes) {
        String sha = Sha256.hex(bytes);
        return db.inTransaction(sql -> {
            sql.advisoryXactLock("beampipe:project-config:" + projectId);
            return sql.first("SELECT uuid FROM project_configs WHERE project_id = $1 AND active", r -> r.getUUID("uuid"), projectId)
                    .map(configId -> sql.first("INSERT INTO project_config_wasm (uuid, project_config_id, wasm_sha256, wasm_bytes, uploaded_at) "
                                    + "VALUES ($1, $2, $3, $4, now()) ON CONFLICT (project_config_id, wasm_sha256) "
                                    + "DO UPDATE SET wasm_bytes = EXCLUDED.wasm_bytes, uploaded_at = now() "
                                    + "RETURNING project_config_id, wasm_sha256, uploaded_at",
                            r -> new StoredWasm(r.getUUID("project_config_id"), r.getString("wasm_sha256"),
                                    r.getOffsetDateTime("uploaded_at"), null),
                            Uuid7.next(), configId, sha, io.vertx.core.buffer.Buffer.buffer(bytes)).orElseThrow());
        });
    }

    /** The module {@code sha256} of the project's active revision. */
    public Optional<StoredWasm> active(String projectId, String sha256, boolean withBytes) {
        String columns = "w.project_config_id, w.wasm_sha256, w.uploaded_at" + (withBytes ? ", w.wasm_bytes" : "");
        return db.sql().first("SELECT " + columns + " FROM project_config_wasm w JOIN project_configs c ON c.uuid = w.project_config_id "
                        + "WHERE c.project_id = $1 AND c.active AND w.wasm_sha256 = $2",
                r -> row(r, withBytes), projectId, sha256.toLowerCase(Locale.ROOT));
    }

    private static StoredWasm row(Row r, boolean withBytes) {
        return new StoredWasm(r.getUUID("project_config_id"), r.getString("wasm_sha256"), r.getOffsetDateTime("uploaded_at"),
                withBytes ? r.getBuffer("wasm_bytes").getBytes() : null);
    }
}
