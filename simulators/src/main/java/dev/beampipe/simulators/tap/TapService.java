package dev.beampipe.simulators.tap;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated TAP service (CASDA or VizieR): {@code {base}/sync} and {@code {base}/availability}.
 * CASDA answers ADQL errors with an HTTP 200 error VOTable; VizieR (VOLLT) with HTTP 400 and the prefix
 * {@code Incorrect ADQL query: }. Protocol errors (missing REQUEST, ...) are HTTP 200 error VOTables on both.
 */
public final class TapService {

    private final String name;
    private final QueryEngine engine;
    private final VoTableWriter.Serialization defaultSerialization;
    private final boolean adqlErrorsAre400;
    private final Faults faults = new Faults();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final UwsJobs async = new UwsJobs(this);
    private volatile String dataLinkBase;
    private volatile java.util.function.BiConsumer<String, String> productNames = (id, file) -> { };

    TapService(String name, List<SimTable> tables, VoTableWriter.Serialization defaultSerialization, boolean adqlErrorsAre400) {
        this.name = name;
        this.engine = new QueryEngine(tables);
        this.defaultSerialization = defaultSerialization;
        this.adqlErrorsAre400 = adqlErrorsAre400;
    }

    public String name() {
        return name;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Where result cells that name CASDA's VO-proxy DataLink service ({@value #CASDA_DATALINK}) point instead: the
     * simulator's own DataLink endpoint (40-backends §10.4: {@code access_url} points back at the simulator), so a
     * client that stages what discovery stored never leaves the machine.
     */
    void dataLinkBase(String base) {
        this.dataLinkBase = base;
    }

    static final String CASDA_DATALINK = "https://data.csiro.au/casda_vo_proxy/vo/datalink/links";

    /**
     * Told the DataLink product id ({@code ?ID=…} of {@code access_url}) and {@code filename} of every row answered, so
     * the staging service can name a staged product's file as the archive does (real CASDA stages the file itself).
     */
    void productNames(java.util.function.BiConsumer<String, String> listener) {
        this.productNames = listener;
    }

    private void announceProducts(List<Column> columns, List<Object[]> rows) {
        int url = -1;
        int file = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals("access_url")) {
                url = i;
            } else if (columns.get(i).name().equals("filename")) {
                file = i;
            }
        }
        if (url < 0 || file < 0) {
            return;
        }
        for (Object[] row : rows) {
            if (row[url] instanceof String u && u.contains("?ID=") && row[file] instanceof String f && !f.isBlank()) {
                productNames.accept(u.substring(u.indexOf("?ID=") + 4), f);
            }
        }
    }

    private List<Object[]> localDataLinks(List<Object[]> rows) {
        String base = dataLinkBase;
        if (base == null) {
            return rows;
        }
        List<Object[]> out = new java.util.ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] copy = row.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] instanceof String s && s.startsWith(CASDA_DATALINK)) {
                    copy[i] = base + s.substring(CASDA_DATALINK.length());
                }
            }
            out.add(copy);
        }
        return out;
    }

    public QueryEngine engine() {
        return engine;
    }

    /** Sync queries answered (not failed by an injected 5xx) for {@code table} selecting {@code key}. */
    public int count(String table, String key) {
        AtomicInteger n = counts.get(table + "|" + key);
        return n == null ? 0 : n.get();
    }

    /** Every request to {@code /sync}, including failed ones. */
    public int requests() {
        return requests.get();
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCounts() {
        counts.clear();
        requests.set(0);
    }

    /** DataLink calls for {@code id} (CASDA only). */
    public int dataLinkCount(String id) {
        return count("datalink", id);
    }

    void countDataLink(String id) {
        counts.computeIfAbsent("datalink|" + id, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Async (UWS) jobs currently held. */
    public int asyncJobs() {
        return async.size();
    }

    void handleAsync(HttpExchange ex) throws IOException {
        async.handle(ex, "/" + name + "/tap/async");
    }

    void close() {
        async.close();
    }

    void handleAvailability(HttpExchange ex) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<vosi:availability xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">\n"
                + "  <vosi:available>" + faults.available() + "</vosi:available>\n"
                + "</vosi:availability>\n";
        send(ex, 200, "text/xml", body, false);
    }

    void handleSync(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        sleep(faults.delayMillis());
        int failure = faults.drawFailure();
        if (failure != 0) {
            send(ex, failure, "text/plain", "simulated " + failure + "\n", false);
            return;
        }
        Reply reply = answer(params(ex));
        sendVo(ex, reply.status(), reply.body());
    }

    /** An HTTP status and VOTable body. */
    record Reply(int status, String body) {
        boolean ok() {
            return status == 200 && !body.contains("value=\"ERROR\"");
        }
    }

    /** The answer to one doQuery (sync, or an async job when it runs); counts the query. */
    Reply answer(Map<String, String> params) {
        String request = params.get("request");
        if (request == null) {
            return new Reply(200, VoTableWriter.error("Missing REQUEST paramater."));
        }
        if (!request.equals("doQuery")) {
            return new Reply(200, VoTableWriter.error("Unsupported request: " + request));
        }
        if (!"ADQL".equalsIgnoreCase(params.get("lang"))) {
            return new Reply(200, VoTableWriter.error("Missing or unsupported LANG: only ADQL is supported."));
        }
        VoTableWriter.Serialization serialization = serialization(params.get("format"));
        if (serialization == null) {
            return new Reply(200, VoTableWriter.error("Unsupported FORMAT: " + params.get("format")
                    + " (the simulator writes VOTable only)"));
        }
        long maxrec = Long.MAX_VALUE;
        if (params.get("maxrec") != null) {
            try {
                maxrec = Long.parseLong(params.get("maxrec").trim());
            } catch (NumberFormatException e) {
                return new Reply(200, VoTableWriter.error("Invalid MAXREC: " + params.get("maxrec")));
            }
        }
        QueryEngine.Result result;
        try {
            result = engine.execute(params.get("query"));
        } catch (AdqlException e) {
            String message = (adqlErrorsAre400 ? "Incorrect ADQL query: " : "") + e.getMessage();
            return new Reply(adqlErrorsAre400 ? 400 : 200, VoTableWriter.error(message));
        }
        counts.computeIfAbsent(result.table() + "|" + result.key(), k -> new AtomicInteger()).incrementAndGet();
        if (faults.isErrorSource(result.key())) {
            return new Reply(200, VoTableWriter.error("simulated failure for " + result.key()));
        }
        List<Object[]> rows = localDataLinks(result.rows());
        announceProducts(result.columns(), rows);
        boolean overflow = rows.size() > maxrec;
        if (overflow) {
            rows = rows.subList(0, (int) maxrec);
        }
        return new Reply(200, VoTableWriter.table(result.columns(), rows, serialization, overflow));
    }

    /** VOTable formats per §5.2 (CASDA) and §5.12 (VOLLT: votable/td, votable/b); null when unsupported. */
    private VoTableWriter.Serialization serialization(String format) {
        VoTableWriter.Serialization fallback = faults.serialization() == null ? defaultSerialization : faults.serialization();
        if (format == null) {
            return fallback;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "votable", "xml", "application/x-votable+xml", "text/xml" -> fallback;
            case "votable/td" -> VoTableWriter.Serialization.TABLEDATA;
            case "votable/b" -> VoTableWriter.Serialization.BINARY;
            default -> null;
        };
    }

    void sendVo(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/x-votable+xml", body, faults.truncate());
    }

    static void send(HttpExchange ex, int status, String type, String body, boolean truncate) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (truncate) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Query-string and form parameters; names are case-insensitive (lower-cased), values kept as sent. */
    static Map<String, String> params(HttpExchange ex) throws IOException {
        Map<String, String> out = new HashMap<>();
        addParams(out, ex.getRequestURI().getRawQuery());
        if ("POST".equalsIgnoreCase(ex.getRequestMethod())) {
            addParams(out, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void addParams(Map<String, String> out, String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key.toLowerCase(Locale.ROOT), value);
        }
    }

    static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
