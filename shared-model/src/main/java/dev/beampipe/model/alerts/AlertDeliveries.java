package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.secrets.Redaction;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.UUID;

/** The {@code alert_deliveries} log: payload and error are redacted before they are stored. */
public final class AlertDeliveries {
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    static final String COLUMNS = "uuid, rule_id, channel_id, status, payload::text AS payload, error, created_at";

    private final Database db;

    public AlertDeliveries(Database db) {
        this.db = db;
    }

    public AlertDelivery record(UUID ruleId, UUID channelId, String status, JsonNode payload, String error) {
        return db.sql().first("INSERT INTO alert_deliveries (uuid, rule_id, channel_id, status, payload, error, created_at) "
                        + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, now()) RETURNING " + COLUMNS, AlertDeliveries::row,
                Uuid7.next(), ruleId, channelId, status, AlertJson.write(Redaction.value(payload)), Redaction.string(error)).orElseThrow();
    }

    /** Newest first. */
    public List<AlertDelivery> recent(int limit) {
        return db.sql().list("SELECT " + COLUMNS + " FROM alert_deliveries ORDER BY created_at DESC, uuid DESC LIMIT $1",
                AlertDeliveries::row, limit);
    }

    static AlertDelivery row(Row r) {
        return new AlertDelivery(r.getUUID("uuid"), r.getUUID("rule_id"), r.getUUID("channel_id"), r.getString("status"),
                AlertJson.read(r.getString("payload")), r.getString("error"), r.getOffsetDateTime("created_at"));
    }
}
