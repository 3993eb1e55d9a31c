package dev.beampipe.simulators.tap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * CASDA TAP ({@code /casda/tap}) and VizieR TAP ({@code /vizier/tap}) on one port, sharing one {@link WallabyArchive}.
 * In-process: {@code try (TapSimulator sim = TapSimulator.start(0)) { sim.casdaTapBase() ... }}.
 * Standalone: {@code java -cp simulators/target/classes dev.beampipe.simulators.tap.TapSimulator --port 8090}.
 * Faults and counts: {@link #casda()}/{@link #vizier()} in-process, {@code /_control/...} over HTTP (see README).
 */
public final class TapSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final WallabyArchive archive = new WallabyArchive();
    private final TapService casda;
    private final TapService vizier;
    private final CasdaAuth casdaAuth = new CasdaAuth();
    private final SodaStaging staging = new SodaStaging(java.time.Clock.systemUTC());

    private TapSimulator(int port) throws IOException {
        casda = new TapService("casda", List.of(archive.obscore, archive.evaluationFiles),
                VoTableWriter.Serialization.TABLEDATA, false);
        vizier = new TapService("vizier", List.of(archive.hicat), VoTableWriter.Serialization.BINARY, true);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        casda.dataLinkBase("http://127.0.0.1:" + server.getAddress().getPort() + "/casda/datalink/links");
        casda.productNames(staging::archiveName);
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "tap-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        for (TapService s : List.of(casda, vizier)) {
            server.createContext("/" + s.name() + "/tap/sync", guarded(s::handleSync));
            server.createContext("/" + s.name() + "/tap/availability", guarded(s::handleAvailability));
            server.createContext("/" + s.name() + "/tap/async", guarded(s::handleAsync));
        }
        DataLink dataLink = new DataLink(casda, casdaAuth, staging);
        server.createContext("/casda/datalink/links", guarded(ex -> dataLink.handle(ex, root(ex))));
        server.createContext(LOGIN_PATH, guarded(casdaAuth::handleLogin));
        server.createContext(SodaStaging.ASYNC_PATH, guarded(ex -> staging.handleAsync(ex, root(ex))));
        server.createContext(SodaStaging.DOWNLOAD_PATH + "/", guarded(staging::handleDownload));
        server.createContext("/_control/", guarded(this::control));
        server.start();
    }

    private static final String LOGIN_PATH = "/casda/casda_vo_proxy/vo/tap/availability";

    private static String root(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return "http://" + (host == null ? "127.0.0.1" : host);
    }

    /** Starts on {@code port} (0 = any free port) on 127.0.0.1. */
    public static TapSimulator start(int port) {
        try {
            return new TapSimulator(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the TAP simulator on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI casdaTapBase() {
        return URI.create(baseUri() + "/casda/tap");
    }

    /** {@code {root}/casda/datalink/links}; add {@code ?ID=<id>}. */
    public URI casdaDataLink() {
        return URI.create(baseUri() + "/casda/datalink/links");
    }

    /** The VO proxy's login probe ({@code GET} with Basic auth, §5.5). */
    public URI casdaLogin() {
        return URI.create(baseUri() + LOGIN_PATH);
    }

    /** {@code {root}/casda/casda_data_access/data/async}, the SODA job list DataLink points at. */
    public URI casdaStagingBase() {
        return URI.create(baseUri() + SodaStaging.ASYNC_PATH);
    }

    /** Basic auth on DataLink and the login probe (off until {@code require(user, password)}). */
    public CasdaAuth casdaAuth() {
        return casdaAuth;
    }

    /** The SODA async staging service and its download server. */
    public SodaStaging staging() {
        return staging;
    }

    public URI vizierTapBase() {
        return URI.create(baseUri() + "/vizier/tap");
    }

    public TapService casda() {
        return casda;
    }

    public TapService vizier() {
        return vizier;
    }

    public WallabyArchive archive() {
        return archive;
    }

    /** Clears faults, counts and "data changed" additions. */
    public void reset() {
        casda.faults().reset();
        vizier.faults().reset();
        casda.resetCounts();
        vizier.resetCounts();
        archive.reset();
        casdaAuth.reset();
        staging.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        casda.close();
        vizier.close();
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private static HttpHandler guarded(Handler h) {
        return ex -> {
            try {
                h.handle(ex);
            } catch (RuntimeException e) {
                byte[] body = ("simulator error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(500, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                ex.close();
            }
        };
    }

    /**
     * {@code POST /_control/reset}; {@code POST /_control/{casda|vizier}/{delay?ms=|fail?p=&status=&seed=|
     * error?source=|truncate?on=|available?on=|serialization?format=td|b|default|reset}}; {@code POST /_control/add-sbid?source=};
     * {@code GET /_control/{casda|vizier}/counts}.
     */
    private void control(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().substring("/_control/".length()).split("/");
        Map<String, String> p = TapService.params(ex);
        String reply = "ok\n";
        int status = 200;
        try {
            if (parts.length == 1 && parts[0].equals("reset")) {
                reset();
            } else if (parts.length == 1 && parts[0].equals("add-sbid")) {
                reply = archive.addSbid(required(p, "source")) + "\n";
            } else if (parts.length == 2 && (parts[0].equals("casda") || parts[0].equals("vizier"))) {
                TapService s = parts[0].equals("casda") ? casda : vizier;
                Faults f = s.faults();
                switch (parts[1]) {
                    case "delay" -> f.delay(Long.parseLong(required(p, "ms")));
                    case "fail" -> f.failFraction(Double.parseDouble(required(p, "p")),
                            Integer.parseInt(p.getOrDefault("status", "503")), Long.parseLong(p.getOrDefault("seed", "0")));
                    case "error" -> f.errorFor(required(p, "source"));
                    case "truncate" -> f.truncate(Boolean.parseBoolean(required(p, "on")));
                    case "available" -> f.available(Boolean.parseBoolean(required(p, "on")));
                    case "serialization" -> f.serialization(serialization(required(p, "format")));
                    case "reset" -> {
                        f.reset();
                        s.resetCounts();
                    }
                    case "counts" -> reply = json(s);
                    case "staging-delay" -> staging.executingMillis(Long.parseLong(required(p, "ms")));
                    case "staging-error" -> staging.errorFor(required(p, "id"));
                    case "staging-counts" -> reply = staging.counts() + "\n";
                    default -> throw new IllegalArgumentException("unknown control " + parts[1]);
                }
            } else {
                throw new IllegalArgumentException("unknown control path");
            }
        } catch (IllegalArgumentException e) {
            status = 400;
            reply = e.getMessage() + "\n";
        }
        byte[] body = reply.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code td}/{@code tabledata}, {@code b}/{@code binary}, or {@code default} (the service's own). */
    static VoTableWriter.Serialization serialization(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "td", "tabledata" -> VoTableWriter.Serialization.TABLEDATA;
            case "b", "binary" -> VoTableWriter.Serialization.BINARY;
            case "default" -> null;
            default -> throw new IllegalArgumentException("format must be td, b or default");
        };
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return v;
    }

    private static String json(TapService s) {
        StringBuilder out = new StringBuilder("{\"requests\":").append(s.requests()).append(",\"counts\":{");
        String sep = "";
        for (Map.Entry<String, Integer> e : s.counts().entrySet()) {
            out.append(sep).append('"').append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":")
                    .append(e.getValue());
            sep = ",";
        }
        return out.append("}}\n").toString();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            }
        }
        TapSimulator sim = start(port);
        System.out.println("CASDA TAP  " + sim.casdaTapBase());
        System.out.println("VizieR TAP " + sim.vizierTapBase());
        Thread.currentThread().join();
    }
}
