package dev.beampipe.cli.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.CanonicalJson;
import dev.beampipe.model.sources.ReadinessLabel;
import dev.beampipe.model.sources.SourceStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --table}: header lines ({@code key  value}), then one line per event with aligned columns
 * {@code AT  EVENT  [SOURCE  EXECUTION]  CORRELATION  DETAIL}. Absent values print as {@code -}; the detail is the
 * compact JSON payload cut at {@value #DETAIL_WIDTH} characters.
 */
public final class TimelineTable {
    static final int DETAIL_WIDTH = 120;
    private static final String NONE = "-";

    private TimelineTable() {
    }

    public static String source(SourceTimeline t) {
        SourceStatus s = t.status();
        List<String> out = new ArrayList<>();
        header(out, "source", t.source().sourceIdentifier() + "  project=" + t.source().projectModule()
                + "  id=" + t.source().uuid());
        header(out, "readiness", ReadinessLabel.of(ReadinessLabel.Facts.of(t.source(), s, java.time.Instant.now())).label() + "  ready_for_execution=" + s.readyForExecution()
                + "  discovery_complete=" + s.discoveryComplete() + "  workflow_run_pending=" + s.workflowRunPending()
                + (s.pendingAgeSeconds() == null ? "" : "  pending_age=" + s.pendingAgeSeconds() + "s"));
        header(out, "signature", or(s.discoverySignature()) + "  last_executed=" + or(s.lastExecutedDiscoverySignature()));
        s.blockers().forEach(b -> header(out, "blocker", b));
        header(out, "events", t.events().size() + " (newest first)");
        events(out, t.events(), false);
        return String.join("\n", out);
    }

    public static String execution(ExecutionTimeline t) {
        List<String> out = new ArrayList<>();
        header(out, "execution", t.executionId() + "  project=" + t.projectModule());
        header(out, "status", t.status() + "  phase=" + or(t.executionPhase()));
        header(out, "correlation", or(t.correlationId()) + "  active_job=" + or(t.activeJobId()));
        header(out, "events", t.events().size() + " (oldest first)");
        events(out, t.events(), false);
        return String.join("\n", out);
    }

    /** One line per event, no header (an empty feed prints nothing). */
    public static String project(List<TimelineEvent> events) {
        List<String> out = new ArrayList<>();
        events(out, events, true);
        return String.join("\n", out);
    }

    private static void header(List<String> out, String key, String value) {
        out.add(String.format("%-12s%s", key, value));
    }

    private static void events(List<String> out, List<TimelineEvent> events, boolean withSubject) {
        if (events.isEmpty()) {
            return;
        }
        List<Function<TimelineEvent, String>> columns = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        columns.add(e -> or(e.at()));
        titles.add("AT");
        columns.add(e -> or(e.eventType()));
        titles.add("EVENT");
        if (withSubject) {
            columns.add(e -> or(e.sourceIdentifier()));
            titles.add("SOURCE");
            columns.add(e -> or(e.executionId()));
            titles.add("EXECUTION");
        }
        columns.add(e -> or(e.correlationId()));
        titles.add("CORRELATION");
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = titles.get(i).length();
            for (TimelineEvent e : events) {
                widths[i] = Math.max(widths[i], columns.get(i).apply(e).length());
            }
        }
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < titles.size(); i++) {
            title.append(pad(titles.get(i), widths[i])).append("  ");
        }
        out.add(title.append("DETAIL").toString());
        for (TimelineEvent e : events) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                line.append(pad(columns.get(i).apply(e), widths[i])).append("  ");
            }
            out.add(line.append(detail(e.detail())).toString());
        }
    }

    /** Compact JSON of the payload, {@code -} when empty, cut with an ellipsis past {@link #DETAIL_WIDTH}. */
    static String detail(JsonNode payload) {
        if (payload == null || payload.isNull() || (payload.isContainerNode() && payload.isEmpty())) {
            return NONE;
        }
        String text = CanonicalJson.write(payload).replaceAll("[\\r\\n\\t]", " ");
        return text.length() <= DETAIL_WIDTH ? text : text.substring(0, DETAIL_WIDTH - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String or(Object value) {
        if (value == null) {
            return NONE;
        }
        String s = value.toString();
        return s.isEmpty() ? NONE : s;
    }
}
