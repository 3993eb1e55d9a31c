package dev.beampipe.cli.timeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.sources.SourceStatus;

import java.util.List;
import java.util.UUID;

/** The timeline's JSON (50-operations §1.7), snake_case, keys in a fixed order. */
public final class TimelineJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TimelineJson() {
    }

    public static ObjectNode source(SourceTimeline t) {
        ObjectNode o = F.objectNode();
        o.put("source_id", t.source().uuid().toString());
        o.put("source_identifier", t.source().sourceIdentifier());
        o.put("project_module", t.source().projectModule());
        o.set("status", status(t.status()));
        o.set("events", events(t.events(), false));
        return o;
    }

    /** The readiness object of {@code GET /sources/{id}/status}: {@code pending_age_seconds} only while pending. */
    static ObjectNode status(SourceStatus s) {
        ObjectNode o = F.objectNode();
        o.put("ready_for_execution", s.readyForExecution());
        o.put("discovery_complete", s.discoveryComplete());
        o.put("workflow_run_pending", s.workflowRunPending());
        o.put("discovery_signature", s.discoverySignature());
        o.put("last_executed_discovery_signature", s.lastExecutedDiscoverySignature());
        o.put("signature_matches_last_execution", s.signatureMatchesLastExecution());
        ArrayNode blockers = o.putArray("blockers");
        s.blockers().forEach(blockers::add);
        if (s.pendingAgeSeconds() != null) {
            o.put("pending_age_seconds", s.pendingAgeSeconds());
        }
        return o;
    }

    public static ObjectNode execution(ExecutionTimeline t) {
        ObjectNode o = F.objectNode();
        o.put("execution_id", t.executionId().toString());
        o.put("status", t.status());
        o.put("execution_phase", t.executionPhase());
        o.put("project_module", t.projectModule());
        o.put("correlation_id", t.correlationId());
        o.put("active_job_id", text(t.activeJobId()));
        o.set("events", events(t.events(), false));
        return o;
    }

    /** The project feed: a list of events, each also naming its source and execution. */
    public static ArrayNode project(List<TimelineEvent> events) {
        return events(events, true);
    }

    static ArrayNode events(List<TimelineEvent> events, boolean withSubject) {
        ArrayNode list = F.arrayNode();
        for (TimelineEvent e : events) {
            ObjectNode o = list.addObject();
            o.put("at", e.at() == null ? null : e.at().toString());
            o.put("event_type", e.eventType());
            if (withSubject) {
                o.put("source_identifier", e.sourceIdentifier());
                o.put("execution_id", text(e.executionId()));
            }
            o.put("correlation_id", e.correlationId());
            o.set("detail", e.detail() == null ? F.objectNode() : e.detail());
        }
        return list;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
