package dev.beampipe.model.alerts;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Sql;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.mutiny.sqlclient.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The {@code alert_rules} table. The channels a rule names must exist: they are locked {@code FOR SHARE} while the
 * rule is written, and a channel delete removes its id from every rule, so no rule points at a deleted channel.
 */
public final class AlertRules {
    static final String COLUMNS = "uuid, name, project_module, enabled, severity, trigger_kind, trigger_config::text AS trigger_config, "
            + "channel_ids, cooldown_minutes, last_fired_at, created_at, updated_at";

    private final Database db;

    public AlertRules(Database db) {
        this.db = db;
    }

    public List<AlertRule> list() {
        return db.sql().list("SELECT " + COLUMNS + " FROM alert_rules ORDER BY name, uuid", AlertRules::row);
    }

    public Optional<AlertRule> get(UUID id) {
        return db.sql().first("SELECT " + COLUMNS + " FROM alert_rules WHERE uuid = $1", AlertRules::row, id);
    }

    /** {@code rule.id()} and timestamps are ignored. */
    public AlertRule create(AlertRule rule) {
        return db.inTransaction(sql -> {
            UUID[] channels = existingChannels(sql, rule.channelIds());
            return sql.first("INSERT INTO alert_rules (uuid, name, project_module, enabled, severity, trigger_kind, trigger_config, "
                            + "channel_ids, cooldown_minutes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, now()) "
                            + "RETURNING " + COLUMNS, AlertRules::row, Uuid7.next(), rule.name(), rule.projectModule(), rule.enabled(),
                    rule.severity(), rule.triggerKind(), AlertJson.write(rule.triggerConfig()), channels, rule.cooldownMinutes())
                    .orElseThrow();
        });
    }

    /** Applies {@code edit} to the locked row; {@code edit} may throw to refuse the change. Empty when absent. */
    public Optional<AlertRule> update(UUID id, UnaryOperator<AlertRule> edit) {
        return db.inTransaction(sql -> {
            Optional<AlertRule> current = sql.first("SELECT " + COLUMNS + " FROM alert_rules WHERE uuid = $1 FOR UPDATE", AlertRules::row, id);
            if (current.isEmpty()) {
                return Optional.<AlertRule>empty();
            }
            AlertRule next = edit.apply(current.get());
            UUID[] channels = existingChannels(sql, next.channelIds());
            return sql.first("UPDATE alert_rules SET name = $2, project_module = $3, enabled = $4, severity = $5, trigger_kind = $6, "
                            + "trigger_config = $7::text::jsonb, channel_ids = $8, cooldown_minutes = $9, updated_at = now() "
                            + "WHERE uuid = $1 RETURNING " + COLUMNS, AlertRules::row, id, next.name(), next.projectModule(),
                    next.enabled(), next.severity(), next.triggerKind(), AlertJson.write(next.triggerConfig()), channels,
                    next.cooldownMinutes());
        });
    }

    public boolean delete(UUID id) {
        return db.sql().update("DELETE FROM alert_rules WHERE uuid = $1", id) > 0;
    }

    private static UUID[] existingChannels(Sql sql, List<UUID> requested) {
        UUID[] ids = new LinkedHashSet<>(requested).toArray(new UUID[0]);
        if (ids.length == 0) {
            return ids;
        }
        Set<UUID> found = new HashSet<>(sql.list("SELECT uuid FROM notification_channels WHERE uuid = ANY($1) FOR SHARE",
                r -> r.getUUID("uuid"), (Object) ids));
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            if (!found.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnknownChannelsException(missing);
        }
        return ids;
    }

    static AlertRule row(Row r) {
        UUID[] channels = r.getArrayOfUUIDs("channel_ids");
        return new AlertRule(r.getUUID("uuid"), r.getString("name"), r.getString("project_module"), r.getBoolean("enabled"),
                r.getString("severity"), r.getString("trigger_kind"), AlertJson.read(r.getString("trigger_config")),
                channels == null ? List.of() : Arrays.asList(channels), r.getInteger("cooldown_minutes"),
                r.getOffsetDateTime("last_fired_at"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
