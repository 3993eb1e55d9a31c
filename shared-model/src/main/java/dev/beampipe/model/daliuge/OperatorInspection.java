package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.secrets.Redaction;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Live, read-only inspection of a Translator Manager and a Data Island Manager for operators (40-backends §2.8,
 * §3.13), in the JSON shapes the API's {@code /daliuge/*} endpoints and the CLI's {@code daliuge …} commands print.
 * Every call is bounded by {@link #TIMEOUT}; failures are the clients' {@link DaliugeException}s.
 */
public final class OperatorInspection {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Duration timeout;

    public OperatorInspection() {
        this(TIMEOUT);
    }

    public OperatorInspection(Duration timeout) {
        this.timeout = timeout;
    }

    public TranslatorClient translatorClient(DaliugeEndpoints endpoints) {
        return new TranslatorClient(endpoints.tmUrl(), endpoints.verifySsl(), timeout);
    }

    public IslandManagerClient managerClient(DaliugeEndpoints endpoints) {
        return new IslandManagerClient(endpoints.dimUrl(), endpoints.verifySsl(), DimTimeouts.all(timeout), Clock.systemUTC());
    }

    /** {@code GET {tm}/api/submission_method}: the methods the TM offers; the TM reports no version. */
    public ObjectNode translator(DaliugeEndpoints endpoints) throws DaliugeException, InterruptedException {
        TranslatorInspection inspection = translatorClient(endpoints).inspect(endpoints.dimHostForTm(), endpoints.dimPortForTm());
        ObjectNode out = JSON.objectNode();
        out.put("endpoint", safeUrl(endpoints.tmUrl()));
        out.set("methods", strings(inspection.methods()));
        out.put("updated_translation_api", inspection.updatedTranslationApi());
        out.putNull("version");
        out.set("diagnostics", JSON.arrayNode().add(versionUnreported("daliuge.translator", "Translator Manager")));
        return out;
    }

    /** {@code GET {dim}/api} and {@code GET {dim}/api/nodes}: the island's node managers and sessions. */
    public ObjectNode manager(DaliugeEndpoints endpoints) throws DaliugeException, InterruptedException {
        IslandManagerClient dim = managerClient(endpoints);
        DimInspection api = dim.inspect();
        List<String> nodes = dim.nodes();
        ObjectNode out = JSON.objectNode();
        out.put("endpoint", safeUrl(endpoints.dimUrl()));
        out.set("hosts", strings(api.hosts()));
        out.set("session_ids", strings(api.sessionIds()));
        out.set("nodes", strings(nodes));
        ObjectNode capabilities = out.putObject("capabilities");
        api.capabilities().forEach(c -> capabilities.put(c, true));
        out.putNull("version");
        out.set("diagnostics", JSON.arrayNode().add(versionUnreported("daliuge.manager", "Data Island Manager")));
        return out;
    }

    /** {@code GET {dim}/api/sessions} as the DIM reports it: {@code [{"sessionId","status","size"}, ...]}. */
    public ArrayNode sessions(DaliugeEndpoints endpoints) throws DaliugeException, InterruptedException {
        ArrayNode out = JSON.arrayNode();
        for (SessionSummary s : managerClient(endpoints).listSessions()) {
            ObjectNode row = out.addObject();
            row.put("sessionId", s.sessionId());
            row.set("status", s.status().raw());
            row.put("size", s.size());
        }
        return (ArrayNode) Redaction.value(out);
    }

    /**
     * One session observation ({@code GET …/status}, then {@code …/graph/status} when the session has a graph):
     * {@code {session_id, state, per_node, raw_status, graph}} with the drop counts by state.
     */
    public ObjectNode session(DaliugeEndpoints endpoints, String sessionId) throws DaliugeException, InterruptedException {
        DimPollResult poll = managerClient(endpoints).poll(sessionId);
        ObjectNode out = JSON.objectNode();
        out.put("session_id", sessionId);
        out.put("endpoint", safeUrl(endpoints.dimUrl()));
        out.put("state", poll.status().state().ledgerValue());
        out.put("execution_status", poll.executionStatus());
        ObjectNode perNode = out.putObject("per_node");
        poll.status().perNode().forEach((node, state) -> perNode.put(node, state.ledgerValue()));
        out.set("raw_status", poll.status().raw());
        if (poll.graphStatus().isPresent()) {
            GraphStatus graph = poll.graphStatus().get();
            ObjectNode g = out.putObject("graph");
            g.set("error_drop_uids", strings(graph.errorDropUids()));
            g.put("drops", graph.drops().size());
            ObjectNode counts = g.putObject("by_state");
            for (DropState state : DropState.values()) {
                long n = graph.count(state);
                if (n > 0) {
                    counts.put(state.name().toLowerCase(java.util.Locale.ROOT), n);
                }
            }
        } else {
            out.putNull("graph");
        }
        out.put("observed_at", poll.observedAt().toString());
        return out;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = JSON.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static ObjectNode versionUnreported(String path, String what) {
        ObjectNode d = JSON.objectNode();
        d.put("path", path);
        d.put("severity", "warning");
        d.put("code", TranslatorInspection.VERSION_UNREPORTED);
        d.put("message", "the DALiuGE " + what + " does not report its version");
        return d;
    }

    /** The URL without user info, with secret query markers redacted. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getUserInfo() != null) {
                uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
            }
            return Redaction.string(uri.toString());
        } catch (URISyntaxException e) {
            return Redaction.REDACTED;
        }
    }
}
