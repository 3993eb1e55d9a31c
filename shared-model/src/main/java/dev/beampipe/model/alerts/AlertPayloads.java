package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Alert payloads and the webhook body per template (50-operations §4.3). */
public final class AlertPayloads {
    private AlertPayloads() {
    }

    /** What {@code POST /notification-channels/{id}/test} sends. */
    public static ObjectNode test(Instant now) {
        ObjectNode alert = JsonNodeFactory.instance.objectNode();
        alert.put("alert", "test");
        alert.put("severity", "info");
        alert.put("project_module", "test");
        alert.put("summary", "Beampipe test notification");
        alert.putObject("links");
        alert.put("fired_at", now.toString());
        return alert;
    }

    /** The body posted for {@code template}; {@code routingKey} only matters for pagerduty. */
    public static JsonNode webhookBody(String template, ObjectNode alert, String routingKey) {
        String severity = alert.path("severity").asText("");
        String summary = alert.path("summary").asText("");
        if ("slack".equals(template)) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("text", "*" + severity + "* [" + alert.path("project_module").asText("") + "]\n" + summary);
            return body;
        }
        if ("pagerduty".equals(template)) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("routing_key", routingKey);
            body.put("event_action", "trigger");
            ObjectNode payload = body.putObject("payload");
            payload.put("summary", summary);
            payload.put("severity", severity);
            payload.put("source", "beampipe-v2");
            payload.set("custom_details", alert.deepCopy());
            return body;
        }
        return alert;
    }
}
