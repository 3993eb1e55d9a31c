package dev.beampipe.model.alerts;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.SqlStates;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The {@code notification_channels} table. A PATCH is read-merge-validate-write under the row lock, so two
 * concurrent edits of one channel both land; deleting a channel also removes its id from every rule.
 */
public final class NotificationChannels {
    static final String COLUMNS = "uuid, name, kind, config::text AS config, enabled, created_at, updated_at";

    private final Database db;

    public NotificationChannels(Database db) {
        this.db = db;
    }

    public List<NotificationChannel> list() {
        return db.sql().list("SELECT " + COLUMNS + " FROM notification_channels ORDER BY name, uuid", NotificationChannels::row);
    }

    public Optional<NotificationChannel> get(UUID id) {
        return db.sql().first("SELECT " + COLUMNS + " FROM notification_channels WHERE uuid = $1", NotificationChannels::row, id);
    }

    /** @throws AlertConflictException when the name is taken */
    public NotificationChannel create(String name, String kind, com.fasterxml.jackson.databind.JsonNode config, boolean enabled) {
        return uniqueName(name, () -> db.sql().first("INSERT INTO notification_channels (uuid, name, kind, config, enabled, created_at) "
                        + "VALUES ($1, $2, $3, $4::text::jsonb, $5, now()) RETURNING " + COLUMNS, NotificationChannels::row,
                Uuid7.next(), name, kind, AlertJson.write(config), enabled).orElseThrow());
    }

    /**
     * Applies {@code edit} to the locked row and stores the result; {@code edit} may throw to refuse the change
     * (nothing is written). Empty when there is no such channel.
     */
    public Optional<NotificationChannel> update(UUID id, UnaryOperator<NotificationChannel> edit) {
        return uniqueName(null, () -> db.inTransaction(sql -> {
            Optional<NotificationChannel> current = sql.first("SELECT " + COLUMNS + " FROM notification_channels WHERE uuid = $1 FOR UPDATE",
                    NotificationChannels::row, id);
            if (current.isEmpty()) {
                return Optional.<NotificationChannel>empty();
            }
            NotificationChannel next = edit.apply(current.get());
            return sql.first("UPDATE notification_channels SET name = $2, config = $3::text::jsonb, enabled = $4, updated_at = now() "
                            + "WHERE uuid = $1 RETURNING " + COLUMNS, NotificationChannels::row,
                    id, next.name(), AlertJson.write(next.config()), next.enabled());
        }));
    }

    /** Deliveries keep their rows (channel_id set null by the FK); rules forget the channel. */
    public boolean delete(UUID id) {
        return db.inTransaction(sql -> {
            if (sql.update("DELETE FROM notification_channels WHERE uuid = $1", id) == 0) {
                return false;
            }
            sql.update("UPDATE alert_rules SET channel_ids = array_remove(channel_ids, $1), updated_at = now() "
                    + "WHERE $1 = ANY(channel_ids)", id);
            return true;
        });
    }

    private static <T> T uniqueName(String name, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                throw new AlertConflictException(name == null ? "a notification channel with this name already exists"
                        : "a notification channel named '" + name + "' already exists");
            }
            throw e;
        }
    }

    static NotificationChannel row(Row r) {
        return new NotificationChannel(r.getUUID("uuid"), r.getString("name"), r.getString("kind"),
                AlertJson.read(r.getString("config")), r.getBoolean("enabled"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }
}
