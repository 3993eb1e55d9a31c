package dev.beampipe.simulators.daliuge;

import dev.beampipe.simulators.daliuge.DlgErrors.DlgException;
import dev.beampipe.simulators.http.CallFaults;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.FaultControl;
import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.RequestJournal;
import dev.beampipe.simulators.http.SimExchange;
import dev.beampipe.simulators.http.SimHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DALiuGE Data Island Manager with its node managers faked inside (bottle {@code CompositeManagerRestServer},
 * 40-backends §3, §10.3). Sessions follow the state machine of §3.4 with the real numbers of §3.3; after deploy
 * each drop runs on a scripted timeline ({@link DropTimeline}, one step per app) measured on the given clock, so
 * tests with a {@link dev.beampipe.simulators.http.ManualClock} need no sleeps. Errors are the real envelopes:
 * {@code {"type", "args"}}, 555 {@code SubManagerException} nesting per-node exceptions, bottle 500 HTML.
 * Faults and counts per call name via {@link #faults()} or {@code /_control/...}.
 */
public final class IslandManagerSimulator implements AutoCloseable {

    public static final List<String> DEFAULT_NODES = List.of("dlg-nm1:8000:5555:6666", "dlg-nm2:8000:5555:6666");

    private final Clock clock;
    private final List<String> nodes;
    private final CallFaults faults = new CallFaults();
    private final RequestJournal journal = new RequestJournal();
    private final Map<String, DimSession> sessions = new ConcurrentHashMap<>();
    private final List<String> pastSessions = new ArrayList<>();
    private final Map<String, AtomicInteger> createRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> chosenDrops = new ConcurrentHashMap<>();
    private final Set<String> downNodes = ConcurrentHashMap.newKeySet();
    private volatile long stepMillis;
    private final SimHttpServer server;

    private IslandManagerSimulator(int port, Clock clock, List<String> nodes, long stepMillis) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a DIM needs at least one node manager");
        }
        this.clock = clock;
        this.nodes = List.copyOf(nodes);
        this.stepMillis = stepMillis;
        this.server = SimHttpServer.start("dlg-dim-simulator", port, clock, journal, this::handle);
    }

    /** Two NMs ({@link #DEFAULT_NODES}), the system clock, 200 ms per app. */
    public static IslandManagerSimulator start(int port) {
        return start(port, Clock.systemUTC(), DEFAULT_NODES, 200);
    }

    public static IslandManagerSimulator start(int port, Clock clock, List<String> nodes, long stepMillis) {
        return new IslandManagerSimulator(port, clock, nodes, stepMillis);
    }

    public int port() {
        return server.port();
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public List<String> nodes() {
        return nodes;
    }

    public CallFaults faults() {
        return faults;
    }

    public RequestJournal journal() {
        return journal;
    }

    /** Requests of {@code call} (e.g. {@code create_session}, {@code deploy_session}) since the last reset. */
    public int count(String call) {
        return faults.count(call);
    }

    /** {@code POST /api/sessions} requests naming {@code sessionId}, answered or not. */
    public int createRequests(String sessionId) {
        AtomicInteger n = createRequests.get(sessionId);
        return n == null ? 0 : n.get();
    }

    /** Sessions actually created under {@code sessionId} (more than 1 only after a delete or a restart). */
    public int sessionsCreated(String sessionId) {
        AtomicInteger n = created.get(sessionId);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> sessionsCreated() {
        Map<String, Integer> out = new TreeMap<>();
        created.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** How app drops of sessions deployed from now on end; {@code sessionId} {@code "*"} = every session. */
    public IslandManagerSimulator outcome(String sessionId, Outcome outcome) {
        outcomes.put(sessionId, outcome);
        return this;
    }

    /** The drop that fails or hangs for {@link Outcome#FAIL}/{@link Outcome#NEVER_END} (default: the first app that runs). */
    public IslandManagerSimulator outcome(String sessionId, Outcome outcome, String oid) {
        outcomes.put(sessionId, outcome);
        chosenDrops.put(sessionId, oid);
        return this;
    }

    /** How long one app drop runs, for sessions deployed from now on. */
    public IslandManagerSimulator stepMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("step must be >= 0");
        }
        this.stepMillis = millis;
        return this;
    }

    /** A node manager that is down: every replicated call answers 555 with its {@code RestClientException}. */
    public IslandManagerSimulator nodeDown(String node, boolean down) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        if (down) {
            downNodes.add(node);
        } else {
            downNodes.remove(node);
        }
        return this;
    }

    /** A DIM restart: every session is lost (counts are kept). */
    public void restart() {
        sessions.clear();
    }

    /** The session state the DIM itself holds (null if unknown), for assertions. */
    public DlgStates.Session sessionState(String sessionId) {
        DimSession s = sessions.get(sessionId);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            return s.state(clock.instant());
        }
    }

    /** Clears sessions, faults, counts, outcomes and the journal. */
    public void reset() {
        sessions.clear();
        synchronized (pastSessions) {
            pastSessions.clear();
        }
        faults.reset();
        journal.clear();
        createRequests.clear();
        created.clear();
        outcomes.clear();
        chosenDrops.clear();
        downNodes.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ routing

    private record Route(String call, String sessionId) {
    }

    private static Route route(String method, String path) {
        String[] p = path.replaceAll("/+$", "").split("/");
        // p[0] is "" for the leading slash
        if (path.equals("/") || path.isEmpty()) {
            return new Route("html", null);
        }
        if (p.length == 2 && p[1].equals("session")) {
            return new Route("html", null);
        }
        if (p.length < 2 || !p[1].equals("api")) {
            return new Route("unknown", null);
        }
        if (p.length == 2) {
            return new Route("inspect", null);
        }
        if (p.length == 3) {
            return switch (p[2]) {
                case "nodes" -> new Route("list_nodes", null);
                case "submission_method" -> new Route("submission_method", null);
                case "past_sessions" -> new Route("past_sessions", null);
                case "sessions" -> new Route(switch (method) {
                    case "POST" -> "create_session";
                    case "OPTIONS" -> "options";
                    default -> "list_sessions";
                }, null);
                default -> new Route("unknown", null);
            };
        }
        if (!p[2].equals("sessions")) {
            return new Route("unknown", null);
        }
        String sid = p[3];
        String rest = String.join("/", java.util.Arrays.copyOfRange(p, 4, p.length));
        String call = switch (rest) {
            case "" -> method.equals("DELETE") ? "delete_session" : "session";
            case "status" -> "session_status";
            case "graph/append" -> method.equals("OPTIONS") ? "options" : "append_graph";
            case "deploy" -> "deploy_session";
            case "cancel" -> "cancel_session";
            case "graph" -> "graph";
            case "graph/size" -> "graph_size";
            case "graph/status" -> "graph_status";
            case "logs" -> "logs";
            default -> "unknown";
        };
        return new Route(call, sid);
    }

    private void handle(SimExchange ex) throws IOException {
        if (ex.path().startsWith("/_control/")) {
            control(ex);
            return;
        }
        Route route = route(ex.method(), ex.path());
        Optional<Fault> fault = faults.take(route.call());
        if (!route.call().equals("deploy_session")) {
            SimHttpServer.sleep(faults.delayFor(route.call()));
        }
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.STATUS) {
            sendInjected(ex, fault.get(), route);
            return;
        }
        String json;
        try {
            json = Json.write(dispatch(ex, route), Json.Style.PYTHON_DEFAULT);
        } catch (DlgException e) {
            if (fault.isPresent() && fault.get().kind() == Fault.Kind.DROP_CONNECTION) {
                ex.dropConnection();
                return;
            }
            DlgErrors.send(ex, e);
            return;
        } catch (Html html) {
            ex.send(200, "text/html; charset=UTF-8", html.getMessage());
            return;
        } catch (Tar tar) {
            ex.header("Content-Disposition", "attachment; filename=dlg_" + route.sessionId() + ".tar");
            ex.send(200, "application/x-tar", new byte[1024]);
            return;
        }
        if (fault.isPresent()) {
            if (fault.get().kind() == Fault.Kind.DROP_CONNECTION) {
                ex.dropConnection();
            } else {
                FaultControl.sendMalformed(ex, fault.get().kind(), json);
            }
            return;
        }
        ex.header("Access-Control-Allow-Origin", "*");
        ex.send(200, "application/json", json);
    }

    /** Non-JSON success replies, signalled out of {@link #dispatch}. */
    private static final class Html extends RuntimeException {
        Html(String page) {
            super(page, null, false, false);
        }
    }

    private static final class Tar extends RuntimeException {
        Tar() {
            super(null, null, false, false);
        }
    }

    private void sendInjected(SimExchange ex, Fault f, Route route) throws IOException {
        int status = f.status();
        if (status == 555) {
            DlgErrors.send(ex, DlgErrors.subManager(nodes, f.detail() == null ? "RestClientException" : f.detail()));
        } else if (status == 500) {
            DlgErrors.send(ex, DlgErrors.bottle500());
        } else if (f.detail() != null) {
            DlgErrors.send(ex, DlgErrors.direct(status, f.detail(),
                    DlgErrors.args(route.sessionId() == null ? "" : route.sessionId())));
        } else {
            FaultControl.sendProxyError(ex, status);
        }
    }

    private static final Set<String> REPLICATED = Set.of("create_session", "delete_session", "session_status",
            "graph_status", "deploy_session", "cancel_session", "append_graph", "graph", "graph_size", "session");

    private Object dispatch(SimExchange ex, Route route) throws IOException {
        Instant now = clock.instant();
        if (REPLICATED.contains(route.call()) && !downNodes.isEmpty()) {
            throw DlgErrors.subManager(downNodes, "RestClientException");
        }
        return switch (route.call()) {
            case "html" -> throw new Html("<!DOCTYPE html>\n<html><head><title>DALiuGE Data Island Manager (simulator)"
                    + "</title></head><body><h1>Data Island Manager</h1><p>" + ex.query().getOrDefault("sessionId", "")
                    + "</p></body></html>\n");
            case "options" -> Map.of();
            case "inspect" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("hosts", nodes);
                out.put("sessionIds", new ArrayList<>(sessions.keySet()));
                yield out;
            }
            case "list_nodes" -> nodes;
            case "submission_method" -> Map.of("methods", List.of("BROWSER", "SERVER"));
            case "past_sessions" -> {
                synchronized (pastSessions) {
                    yield pastSessions.stream().map(s -> (Object) Map.of("sessionId", s)).toList();
                }
            }
            case "list_sessions" -> {
                List<Object> out = new ArrayList<>();
                for (DimSession s : sessions.values()) {
                    synchronized (s) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("sessionId", s.id);
                        m.put("status", s.status(now));
                        m.put("size", (long) s.drops.size());
                        out.add(m);
                    }
                }
                yield out;
            }
            case "create_session" -> create(ex);
            case "unknown" -> throw new DlgException(404, null);
            default -> perSession(ex, route, now);
        };
    }

    private Object create(SimExchange ex) throws IOException {
        Object body;
        try {
            body = Json.parse(ex.bodyText());
        } catch (Json.JsonException e) {
            throw DlgErrors.bottle500();
        }
        if (!(body instanceof Map<?, ?> m) || !(m.get("sessionId") instanceof String sid)) {
            throw DlgErrors.bottle500(); // KeyError in the handler
        }
        createRequests.computeIfAbsent(sid, k -> new AtomicInteger()).incrementAndGet();
        if (sessions.putIfAbsent(sid, new DimSession(sid, nodes)) != null) {
            throw DlgErrors.subManager(nodes, "SessionAlreadyExistsException");
        }
        created.computeIfAbsent(sid, k -> new AtomicInteger()).incrementAndGet();
        return Map.of("sessionId", sid);
    }

    private DimSession session(String sid) {
        DimSession s = sessions.get(sid);
        if (s == null) {
            throw DlgErrors.subManager(nodes, "NoSessionException");
        }
        return s;
    }

    private Object perSession(SimExchange ex, Route route, Instant now) throws IOException {
        DimSession s = session(route.sessionId());
        if (route.call().equals("deploy_session")) {
            return deploy(ex, s);
        }
        synchronized (s) {
            DlgStates.Session state = s.state(now);
            return switch (route.call()) {
                case "session" -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("status", s.status(now));
                    out.put("graph", graph(s));
                    out.put("dir", "/tmp/dlg/workspace/" + s.id);
                    yield out;
                }
                case "session_status" -> s.status(now);
                case "graph" -> graph(s);
                case "graph_size" -> (long) s.drops.size();
                case "logs" -> throw new Tar();
                case "graph_status" -> {
                    if (state.compareTo(DlgStates.Session.RUNNING) < 0) {
                        throw DlgErrors.subManager(s.nodesWithDrops.isEmpty() ? nodes : s.nodesWithDrops,
                                "InvalidSessionState");
                    }
                    yield s.graphStatus(now);
                }
                case "cancel_session" -> {
                    if (state != DlgStates.Session.RUNNING && state != DlgStates.Session.CANCELLED) {
                        throw DlgErrors.subManager(nodes, "InvalidSessionState");
                    }
                    if (s.cancelledAt == null) {
                        s.cancelledAt = now;
                    }
                    yield success();
                }
                case "delete_session" -> {
                    sessions.remove(s.id);
                    synchronized (pastSessions) {
                        pastSessions.add(s.id);
                    }
                    yield success();
                }
                case "append_graph" -> append(ex, s, state);
                default -> throw new DlgException(404, null);
            };
        }
    }

    private static Map<String, Object> success() {
        return Map.of("Status", "Success");
    }

    private static Map<String, Object> graph(DimSession s) {
        return new LinkedHashMap<>(s.drops);
    }

    @SuppressWarnings("unchecked")
    private Object append(SimExchange ex, DimSession s, DlgStates.Session state) throws IOException {
        String type = ex.header("Content-Type");
        if (type == null || !(type.toLowerCase(Locale.ROOT).contains("application/json")
                || type.toLowerCase(Locale.ROOT).contains("text/plain"))) {
            throw new DlgException(415, null);
        }
        Object body;
        try {
            body = Json.parse(ex.bodyText());
        } catch (Json.JsonException | IOException e) {
            throw DlgErrors.bottle500();
        }
        if (!(body instanceof List<?> raw)) {
            throw DlgErrors.bottle500();
        }
        List<Object> list = new ArrayList<>(raw);
        Map<String, Object> repro = null;
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Map<?, ?> last) {
            if (last.isEmpty()) {
                list.remove(list.size() - 1);
            } else if (last.containsKey("rmode")) {
                repro = (Map<String, Object>) list.remove(list.size() - 1);
            }
        }
        Map<String, Map<String, Object>> incoming = new LinkedHashMap<>();
        Map<String, Object> duplicate = null;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("oid") instanceof String oid)) {
                throw DlgErrors.bottle500(); // KeyError: 'oid'
            }
            Map<String, Object> drop = (Map<String, Object>) m;
            if (!drop.containsKey("node")) {
                throw DlgErrors.direct(400, "InvalidGraphException",
                        DlgErrors.args("Drop " + oid + " doesn't specify a node attribute"));
            }
            if (!nodes.contains(String.valueOf(drop.get("node")))) {
                throw DlgErrors.direct(400, "InvalidGraphException", DlgErrors.args("Drop " + oid + "'s node "
                        + drop.get("node") + " does not belong to this DM"));
            }
            if (!(drop.get("categoryType") instanceof String)) {
                throw DlgErrors.direct(400, "InvalidGraphException",
                        DlgErrors.args("Drop " + oid + " doesn't specify a categoryType"));
            }
            if (incoming.containsKey(oid)) {
                duplicate = duplicate == null ? drop : duplicate;
            }
            incoming.put(oid, drop);
        }
        // the DIM checks nodes itself (400 above); the NMs then check their state, then duplicate oids (555)
        if (state != DlgStates.Session.PRISTINE && state != DlgStates.Session.BUILDING) {
            throw DlgErrors.subManager(nodes, "InvalidSessionState");
        }
        if (duplicate == null) {
            duplicate = incoming.values().stream().filter(d -> s.drops.containsKey((String) d.get("oid"))).findFirst().orElse(null);
        }
        if (duplicate != null) {
            throw DlgErrors.subManager(List.of(String.valueOf(duplicate.get("node"))), "InvalidGraphException");
        }
        s.drops.putAll(incoming);
        incoming.values().forEach(d -> s.nodesWithDrops.add(String.valueOf(d.get("node"))));
        if (repro != null) {
            s.repro = repro;
        }
        s.phase = DlgStates.Session.BUILDING;
        return success();
    }

    /** §3.4: BUILDING → DEPLOYING → (the deploy delay) → RUNNING; PRISTINE with an empty graph → FINISHED. */
    private Object deploy(SimExchange ex, DimSession s) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        SimExchange.parseUrlEncoded(form, ex.bodyText());
        Set<String> completed = new LinkedHashSet<>();
        for (String oid : form.getOrDefault("completed", "").split(",")) {
            if (!oid.isBlank()) {
                completed.add(oid.trim());
            }
        }
        synchronized (s) {
            DlgStates.Session state = s.state(clock.instant());
            if (state == DlgStates.Session.PRISTINE && s.drops.isEmpty()) {
                if (!completed.isEmpty()) {
                    throw DlgErrors.subManager(nodes, "InvalidGraphException");
                }
                s.deployedAt = clock.instant();
                s.timeline = Map.of();
                return success();
            }
            if (state != DlgStates.Session.BUILDING) {
                throw DlgErrors.subManager(nodes, "InvalidSessionState");
            }
            for (String oid : completed) {
                if (!s.drops.containsKey(oid)) {
                    throw DlgErrors.direct(555, "DaliugeException",
                            DlgErrors.args("Drop " + oid + " is not part of session " + s.id));
                }
            }
            s.phase = DlgStates.Session.DEPLOYING;
        }
        SimHttpServer.sleep(faults.delayFor("deploy_session"));
        synchronized (s) {
            s.outcome = outcomes.getOrDefault(s.id, outcomes.getOrDefault(CallFaults.ANY, Outcome.FINISH));
            String chosen = chosenDrops.get(s.id);
            s.timeline = DropTimeline.compute(s.drops, completed, s.outcome, chosen, stepMillis);
            s.deployedAt = clock.instant();
            s.phase = DlgStates.Session.RUNNING;
        }
        return success();
    }

    // ------------------------------------------------------------------ control

    /**
     * Generic faults ({@link FaultControl}) plus {@code POST /_control/reset}, {@code restart},
     * {@code outcome?session=&outcome=finish|fail|fail_reported_finished|never_end[&oid=]}, {@code step?ms=},
     * {@code node-down?node=&on=}; {@code GET /_control/sessions} (sessions created per id).
     */
    private void control(SimExchange ex) throws IOException {
        String action = ex.path().substring("/_control/".length());
        Map<String, String> p = ex.query();
        try {
            switch (action) {
                case "reset" -> reset();
                case "restart" -> restart();
                case "outcome" -> {
                    Outcome o = Outcome.valueOf(FaultControl.required(p, "outcome").toUpperCase(Locale.ROOT));
                    String sid = p.getOrDefault("session", CallFaults.ANY);
                    if (p.get("oid") != null) {
                        outcome(sid, o, p.get("oid"));
                    } else {
                        outcome(sid, o);
                    }
                }
                case "step" -> stepMillis(Long.parseLong(FaultControl.required(p, "ms")));
                case "node-down" -> nodeDown(FaultControl.required(p, "node"), Boolean.parseBoolean(p.getOrDefault("on", "true")));
                case "sessions" -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("created", sessionsCreated());
                    Map<String, Integer> requests = new TreeMap<>();
                    createRequests.forEach((k, v) -> requests.put(k, v.get()));
                    out.put("createRequests", requests);
                    ex.sendJson(200, out, Json.Style.COMPACT);
                    return;
                }
                default -> {
                    if (!FaultControl.handle(ex, action, faults, journal)) {
                        FaultControl.badRequest(ex, "unknown control " + action);
                    }
                    return;
                }
            }
            FaultControl.ok(ex);
        } catch (IllegalArgumentException e) {
            FaultControl.badRequest(ex, e.getMessage());
        }
    }
}
