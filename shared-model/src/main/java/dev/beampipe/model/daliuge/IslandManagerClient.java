package dev.beampipe.model.daliuge;

import dev.beampipe.model.canonical.StableJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.profile.RestRemoteDeployment;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DALiuGE Data Island Manager client over REST (40-backends §3.8–§3.13). Deploy = {@link #createSession},
 * {@link #appendGraph}, {@link #deploy} (with the root oids); poll = {@link #poll} (status, then graph
 * status). Every failure is a {@link DaliugeException}; none is retried here.
 */
public final class IslandManagerClient {

    private final String base;
    private final DimTimeouts timeouts;
    private final DaliugeHttp http;
    private final Clock clock;

    public IslandManagerClient(String dimRestBase, boolean verifySsl) {
        this(dimRestBase, verifySsl, DimTimeouts.DEFAULTS, Clock.systemUTC());
    }

    public IslandManagerClient(String dimRestBase, boolean verifySsl, DimTimeouts timeouts, Clock clock) {
        this.base = dimRestBase.strip().replaceAll("/+$", "");
        this.timeouts = timeouts;
        this.clock = clock;
        this.http = new DaliugeHttp(DaliugeComponent.DIM, verifySsl, timeouts.shortest());
    }

    /** The worker's DIM ({@code deploy_host}/{@code deploy_port}, {@code use_https}, {@code verify_ssl}). */
    public static IslandManagerClient forProfile(RestRemoteDeployment deployment) {
        return new IslandManagerClient(deployment.dimRestBase(), deployment.verifySsl());
    }

    public String base() {
        return base;
    }

    /** {@code POST /api/sessions} {@code {"sessionId": sid}} (30 s). */
    public void createSession(String sessionId) throws DaliugeException, InterruptedException {
        HttpRequest request = post(sessionsUrl(), timeouts.createSession(), "application/json",
                createSessionBody(sessionId));
        expectJson(DaliugeOperation.CREATE_SESSION, request);
    }

    /** {@code POST …/graph/append} with the normalized drops, compact and key-sorted, not gzipped (60 s). */
    public void appendGraph(String sessionId, ArrayNode graph) throws DaliugeException, InterruptedException {
        expectJson(DaliugeOperation.APPEND_GRAPH, post(appendUrl(sessionId), timeouts.appendGraph(),
                "application/json", appendBody(graph)));
    }

    /**
     * {@code POST …/deploy} with the raw form body {@code completed=<oid>,<oid>} — not percent-encoded, as the
     * reference and the DIM expect — or an empty body when there are no roots (30 s).
     */
    public void deploy(String sessionId, List<String> rootOids) throws DaliugeException, InterruptedException {
        expectJson(DaliugeOperation.DEPLOY_SESSION, post(deployUrl(sessionId), timeouts.deploy(),
                "application/x-www-form-urlencoded", deployBody(rootOids)));
    }

    /** {@code POST /api/sessions}. */
    public URI sessionsUrl() {
        return URI.create(base + "/api/sessions");
    }

    public URI appendUrl(String sessionId) {
        return session(sessionId, "/graph/append");
    }

    public URI deployUrl(String sessionId) {
        return session(sessionId, "/deploy");
    }

    /** The create body {@code {"sessionId":"<sid>"}}, as sent. */
    public static String createSessionBody(String sessionId) {
        return StableJson.write(JsonNodeFactory.instance.objectNode().put("sessionId", sessionId));
    }

    /** The append body: the normalized drops, compact and key-sorted, as sent. */
    public static String appendBody(ArrayNode graph) {
        return StableJson.write(PhysicalGraphNormalizer.normalize(graph));
    }

    /** The deploy body {@code completed=<oid>,<oid>} (not percent-encoded), empty without roots. */
    public static String deployBody(List<String> rootOids) {
        return rootOids.isEmpty() ? "" : "completed=" + String.join(",", rootOids);
    }

    /** The three deploy steps in order; the first failure stops the sequence (no rollback, §3.8). */
    public void createAppendDeploy(String sessionId, PhysicalGraph graph) throws DaliugeException, InterruptedException {
        createSession(sessionId);
        appendGraph(sessionId, graph.drops());
        deploy(sessionId, graph.roots());
    }

    /** {@code GET …/status} (10 s), in any of its shapes (per-node object on a DIM). */
    public SessionStatus sessionStatus(String sessionId) throws DaliugeException, InterruptedException {
        JsonNode raw = http.sendJson(DaliugeOperation.SESSION_STATUS, get(session(sessionId, "/status"),
                timeouts.status()));
        return DaliugeStates.sessionStatus(raw);
    }

    /** {@code GET …/graph/status} (10 s): per-drop status objects. */
    public GraphStatus graphStatus(String sessionId) throws DaliugeException, InterruptedException {
        HttpRequest request = get(session(sessionId, "/graph/status"), timeouts.graphStatus());
        DaliugeHttp.Reply reply = http.send(DaliugeOperation.GRAPH_STATUS, request);
        GraphStatus parsed = GraphStatus.parse(http.parse(DaliugeOperation.GRAPH_STATUS, reply));
        if (parsed == null) {
            throw http.invalid(DaliugeOperation.GRAPH_STATUS, reply, "expected a drop status object");
        }
        return parsed;
    }

    /**
     * Session status, then graph status (§3.9). A 555 {@code InvalidSessionState} from {@code graph/status}
     * while the session is PRISTINE, BUILDING or DEPLOYING is a normal observation without a graph status
     * (decision 10); every other failure is thrown.
     */
    public DimPollResult poll(String sessionId) throws DaliugeException, InterruptedException {
        SessionStatus status = sessionStatus(sessionId);
        Optional<GraphStatus> graph;
        try {
            graph = Optional.of(graphStatus(sessionId));
        } catch (DaliugeException e) {
            boolean notYet = e.invalidSessionState() && (status.state() == SessionState.PRISTINE
                    || status.state() == SessionState.BUILDING || status.state() == SessionState.DEPLOYING);
            if (!notYet) {
                throw e;
            }
            graph = Optional.empty();
        }
        return new DimPollResult(sessionId, status, graph, clock.instant());
    }

    /** {@code POST …/cancel} (60 s); any 2xx counts as cancelled (no confirmation poll, §3.12). */
    public void cancel(String sessionId) throws DaliugeException, InterruptedException {
        expectJson(DaliugeOperation.CANCEL_SESSION, post(session(sessionId, "/cancel"), timeouts.other(),
                "application/json", ""));
    }

    /** {@code DELETE /api/sessions/{sid}} (60 s). */
    public void delete(String sessionId) throws DaliugeException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(session(sessionId, "")).timeout(timeouts.other()).DELETE().build();
        expectJson(DaliugeOperation.DELETE_SESSION, request);
    }

    /** {@code GET /api/sessions}. */
    public List<SessionSummary> listSessions() throws DaliugeException, InterruptedException {
        HttpRequest request = get(URI.create(base + "/api/sessions"), timeouts.other());
        DaliugeHttp.Reply reply = http.send(DaliugeOperation.LIST_SESSIONS, request);
        JsonNode json = http.parse(DaliugeOperation.LIST_SESSIONS, reply);
        if (!json.isArray()) {
            throw http.invalid(DaliugeOperation.LIST_SESSIONS, reply, "expected a session array");
        }
        List<SessionSummary> out = new ArrayList<>();
        for (JsonNode s : json) {
            if (!s.path("sessionId").isTextual()) {
                throw http.invalid(DaliugeOperation.LIST_SESSIONS, reply, "a session without sessionId");
            }
            out.add(new SessionSummary(s.get("sessionId").asText(), DaliugeStates.sessionStatus(s.path("status")),
                    s.path("size").asLong(0)));
        }
        return out;
    }

    /** {@code GET /api/nodes}: the node managers as {@code host:port:events:rpc}. */
    public List<String> nodes() throws DaliugeException, InterruptedException {
        HttpRequest request = get(URI.create(base + "/api/nodes"), timeouts.other());
        DaliugeHttp.Reply reply = http.send(DaliugeOperation.LIST_NODES, request);
        JsonNode json = http.parse(DaliugeOperation.LIST_NODES, reply);
        if (!json.isArray()) {
            throw http.invalid(DaliugeOperation.LIST_NODES, reply, "expected a node array");
        }
        List<String> out = new ArrayList<>();
        json.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code GET /api}: {@code {"hosts": […], "sessionIds": […]}}. */
    public DimInspection inspect() throws DaliugeException, InterruptedException {
        HttpRequest request = get(URI.create(base + "/api"), timeouts.other());
        DaliugeHttp.Reply reply = http.send(DaliugeOperation.INSPECT, request);
        JsonNode json = http.parse(DaliugeOperation.INSPECT, reply);
        if (!json.isObject()) {
            throw http.invalid(DaliugeOperation.INSPECT, reply, "expected an object");
        }
        List<String> hosts = new ArrayList<>();
        json.path("hosts").forEach(h -> hosts.add(h.asText()));
        List<String> ids = new ArrayList<>();
        json.path("sessionIds").forEach(h -> ids.add(h.asText()));
        return new DimInspection(base, hosts, ids);
    }

    /** Operator links recorded with a deploy receipt (§3.8). */
    public URI sessionStatusUrl(String sessionId) {
        return session(sessionId, "/status");
    }

    public URI graphStatusUrl(String sessionId) {
        return session(sessionId, "/graph/status");
    }

    private URI session(String sessionId, String suffix) {
        return URI.create(base + "/api/sessions/" + SessionIds.pathSegment(sessionId) + suffix);
    }

    /** A 2xx must carry a JSON body ({@code {"Status": "Success"}} or the echoed session id). */
    private void expectJson(DaliugeOperation op, HttpRequest request) throws DaliugeException, InterruptedException {
        http.sendJson(op, request);
    }

    private static HttpRequest post(URI url, Duration timeout, String contentType, String body) {
        return HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static HttpRequest get(URI url, Duration timeout) {
        return HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    }
}
