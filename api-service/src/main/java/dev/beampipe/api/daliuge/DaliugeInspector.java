package dev.beampipe.api.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.secrets.Redaction;

import java.net.URI;
import java.net.URISyntaxException;

/** Live, read-only inspection of the Translator Manager and the Data Island Manager (40-backends §2.8, §3.13). */
public final class DaliugeInspector {
    public static final String TRANSLATOR = "daliuge_translator";
    public static final String DIM = "daliuge_dim";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DaliugeHttp http;

    public DaliugeInspector(DaliugeHttp http) {
        this.http = http;
    }

    /** {@code GET {tm}/api/submission_method}: the methods the TM offers; the TM reports no version. */
    public ObjectNode translator(DaliugeEndpoints endpoints) {
        JsonNode body = http.get(TRANSLATOR, endpoints.submissionMethodUrl());
        if (!body.isObject()) {
            throw invalid(TRANSLATOR, "expected an object with \"methods\"");
        }
        ArrayNode methods = JSON.arrayNode();
        body.path("methods").forEach(m -> {
            if (m.isTextual()) {
                methods.add(m.textValue());
            }
        });
        ObjectNode out = JSON.objectNode();
        out.put("endpoint", safeUrl(endpoints.tmUrl()));
        out.set("methods", methods);
        out.put("updated_translation_api", true);
        out.putNull("version");
        out.set("diagnostics", JSON.arrayNode().add(versionUnreported("daliuge.translator", "Translator Manager")));
        return out;
    }

    /** {@code GET {dim}/api} and {@code GET {dim}/api/nodes}: the island's node managers and sessions. */
    public ObjectNode manager(DaliugeEndpoints endpoints) {
        JsonNode api = http.get(DIM, endpoints.dim("/api"));
        if (!api.isObject()) {
            throw invalid(DIM, "expected an object with \"hosts\" and \"sessionIds\"");
        }
        JsonNode nodes = http.get(DIM, endpoints.dim("/api/nodes"));
        if (!nodes.isArray()) {
            throw invalid(DIM, "expected an array of node addresses");
        }
        ObjectNode out = JSON.objectNode();
        out.put("endpoint", safeUrl(endpoints.dimUrl()));
        out.set("hosts", strings(api.path("hosts")));
        out.set("session_ids", strings(api.path("sessionIds")));
        out.set("nodes", strings(nodes));
        ObjectNode capabilities = out.putObject("capabilities");
        capabilities.put("session_api", true);
        capabilities.put("manager_topology", true);
        capabilities.put("session_logs", true);
        out.putNull("version");
        out.set("diagnostics", JSON.arrayNode().add(versionUnreported("daliuge.manager", "Data Island Manager")));
        return out;
    }

    /** {@code GET {dim}/api/sessions}, passed through: {@code [{"sessionId","status","size"}, ...]}. */
    public JsonNode sessions(DaliugeEndpoints endpoints) {
        JsonNode sessions = http.get(DIM, endpoints.dim("/api/sessions"));
        if (!sessions.isArray()) {
            throw invalid(DIM, "expected an array of sessions");
        }
        return Redaction.value(sessions);
    }

    private static ArrayNode strings(JsonNode node) {
        ArrayNode out = JSON.arrayNode();
        node.forEach(n -> {
            if (n.isTextual()) {
                out.add(n.textValue());
            }
        });
        return out;
    }

    private static ObjectNode versionUnreported(String path, String what) {
        ObjectNode d = JSON.objectNode();
        d.put("path", path);
        d.put("severity", "warning");
        d.put("code", "daliuge.version_unreported");
        d.put("message", "the DALiuGE " + what + " does not report its version");
        return d;
    }

    private static DaliugeException invalid(String component, String detail) {
        return new DaliugeException(DaliugeException.Kind.INVALID_RESPONSE, component, "invalid JSON response: " + detail, false);
    }

    /** The URL without user info, with secret query markers redacted. */
    static String safeUrl(String url) {
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
