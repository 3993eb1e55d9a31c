package dev.beampipe.worker.discovery.tap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TapClient against a JDK HttpServer on loopback (no simulator module). */
class TapClientTest {

    private HttpServer server;
    private ExecutorService pool;
    private String base;
    private final List<Map<String, String>> forms = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/tap";
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private TapClient client(Duration timeout, int retries, Optional<CasdaCredentials> credentials) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
        return new TapClient(http, new TapSettings(timeout, retries), credentials,
                sleeps::add, TapSettings::backoff);
    }

    private TapClient client(int retries) {
        return client(Duration.ofSeconds(5), retries, Optional.empty());
    }

    /** Serves the given responses in order (the last one repeats), recording forms and auth headers. */
    private AtomicInteger serve(String path, Response... responses) {
        AtomicInteger calls = new AtomicInteger();
        server.createContext(path, exchange -> {
            int i = Math.min(calls.getAndIncrement(), responses.length - 1);
            record(exchange);
            responses[i].write(exchange);
        });
        return calls;
    }

    private void record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        forms.add(form);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    @FunctionalInterface
    interface Response {
        void write(HttpExchange exchange) throws IOException;
    }

    static Response status(int code, byte[] body, String... headers) {
        return exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        };
    }

    static Response fixture(String name) {
        return exchange -> status(200, VotableReaderTest.fixture(name), "Content-Type", "application/x-votable+xml")
                .write(exchange);
    }

    static Response text(int code, String body) {
        return status(code, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response slow(Duration delay, Response then) {
        return exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                then.write(exchange);
            } catch (IOException ignored) {
                // the client gave up first
            }
        };
    }

    @Test
    void syncPostsTheTapFormAndReadsBinaryVotables() throws Exception {
        serve("/tap/sync", fixture("binary.xml"));

        VotableTable table = client(1).querySync(base, "SELECT * FROM \"VIII/73/hicat\" WHERE HIPASS = 'J1318-21'");

        assertThat(table.rows()).isEqualTo(VotableReaderTest.EXPECTED);
        assertThat(forms).singleElement().isEqualTo(Map.of("REQUEST", "doQuery", "LANG", "ADQL", "FORMAT", "votable",
                "QUERY", "SELECT * FROM \"VIII/73/hicat\" WHERE HIPASS = 'J1318-21'"));
        assertThat(authorizations).containsOnlyNulls();
    }

    @Test
    void syncUrlNormalisation() {
        assertThat(TapClient.syncUrl("https://casda.csiro.au/casda_vo_tools/tap/")).hasToString(
                "https://casda.csiro.au/casda_vo_tools/tap/sync");
        assertThat(TapClient.syncUrl("https://x/tap/sync")).hasToString("https://x/tap/sync");
        assertThat(TapClient.asyncUrl("https://x/tap/sync")).hasToString("https://x/tap/async");
    }

    @Test
    void a503IsRetriedWithBackoffThenSucceeds() throws Exception {
        AtomicInteger calls = serve("/tap/sync", text(503, "busy"), fixture("tabledata.xml"));

        VotableTable table = client(2).querySync(base, "SELECT 1");

        assertThat(table.rows()).hasSize(3);
        assertThat(calls).hasValue(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void retriesAreBoundedByTheProjectSetting() {
        AtomicInteger calls = serve("/tap/sync", text(503, "down"));

        assertThatThrownBy(() -> client(2).querySync(base, "SELECT 1"))
                .isInstanceOf(TapException.class).hasMessage("HTTP 503: down")
                .satisfies(e -> assertThat(((TapException) e).retryable()).isTrue());
        assertThat(calls).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aPlain4xxIsNotRetried() {
        AtomicInteger calls = serve("/tap/sync", text(404, "no such service"));

        assertThatThrownBy(() -> client(3).querySync(base, "SELECT 1"))
                .isInstanceOf(TapException.class).hasMessage("HTTP 404: no such service");
        assertThat(calls).hasValue(1);
    }

    @Test
    void theBusy400IsRetried() throws Exception {
        AtomicInteger calls = serve("/tap/sync", text(400, "TAP service too busy"), fixture("tabledata.xml"));

        assertThat(client(1).querySync(base, "SELECT 1").rows()).hasSize(3);
        assertThat(calls).hasValue(2);
    }

    @Test
    void anHttp200ErrorVotableIsATypedErrorAndNotRetried() {
        AtomicInteger calls = serve("/tap/sync", fixture("error.xml"));

        assertThatThrownBy(() -> client(3).querySync(base, "SELECT * FROM ivoa.obscorex"))
                .isInstanceOf(TapQueryException.class)
                .hasMessage("TAP query failed: Unknown table \"ivoa.obscorex\"");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anAdqlErrorVotableUnderHttp400KeepsItsMessage() throws Exception {
        serve("/tap/sync", status(400, VotableReaderTest.fixture("error.xml")));

        assertThatThrownBy(() -> client(3).querySync(base, "SELECT"))
                .isInstanceOf(TapQueryException.class)
                .hasMessage("HTTP 400: TAP query failed: Unknown table \"ivoa.obscorex\"");
        assertThat(forms).hasSize(1);
    }

    @Test
    void malformedXmlIsNotRetried() {
        AtomicInteger calls = serve("/tap/sync", text(200, "<VOTABLE><RESOURCE>"));

        assertThatThrownBy(() -> client(3).querySync(base, "SELECT 1"))
                .isInstanceOf(TapQueryException.class).hasMessageStartingWith("response is not well-formed XML");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTimeoutIsRetriedAndTheNextAttemptCanSucceed() throws Exception {
        AtomicInteger calls = serve("/tap/sync", slow(Duration.ofSeconds(3), fixture("tabledata.xml")),
                fixture("tabledata.xml"));

        VotableTable table = client(Duration.ofMillis(300), 1, Optional.empty()).querySync(base, "SELECT 1");

        assertThat(table.rows()).hasSize(3);
        assertThat(calls).hasValue(2);
    }

    @Test
    void timeoutsExhaustTheRetriesAsARetryableTimeout() {
        serve("/tap/sync", slow(Duration.ofSeconds(3), fixture("tabledata.xml")));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client(Duration.ofMillis(200), 1, Optional.empty()).querySync(base, "SELECT 1"))
                .isInstanceOf(TapException.class).hasMessageContaining("timed out")
                .satisfies(e -> assertThat(((TapException) e).retryable()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void connectionRefusedIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> client(1).querySync("http://127.0.0.1:" + port + "/tap", "SELECT 1"))
                .isInstanceOf(TapException.class)
                .satisfies(e -> assertThat(((TapException) e).retryable()).isTrue());
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aRedirectIsNotFollowed() {
        AtomicInteger calls = serve("/tap/sync", status(302, new byte[0], "Location", "https://elsewhere/tap/sync"));

        assertThatThrownBy(() -> client(2).querySync(base, "SELECT 1"))
                .isInstanceOf(TapException.class).hasMessageStartingWith("HTTP 302 redirect not followed");
        assertThat(calls).hasValue(1);
    }

    @Test
    void credentialsGoInTheBasicHeaderAndNowhereElse() {
        serve("/tap/sync", text(401, "Unauthorized"));
        CasdaCredentials creds = new CasdaCredentials("opaluser", "s3cret-pw");

        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 0, Optional.of(creds)).querySync(base, "SELECT 1"))
                .isInstanceOf(TapException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThat(authorizations).containsExactly("Basic b3BhbHVzZXI6czNjcmV0LXB3");
        assertThat(creds.toString()).doesNotContain("s3cret-pw").contains("[REDACTED]");
    }

    @Test
    void asyncJobRunsPollsAndReadsTheResult() throws Exception {
        server.createContext("/tap/async", exchange -> {
            record(exchange);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/tap/async")) {
                status(303, new byte[0], "Location", "/tap/async/job-1").write(exchange);
            } else if (path.equals("/tap/async/job-1/phase")) {
                long polls = forms.size();
                text(200, polls < 4 ? "EXECUTING" : "COMPLETED").write(exchange);
            } else if (path.equals("/tap/async/job-1/results/result")) {
                fixture("binary2.xml").write(exchange);
            } else {
                text(404, "no").write(exchange);
            }
        });

        VotableTable table = client(0).queryAsync(base, "SELECT 1", Duration.ofMillis(10), Duration.ofSeconds(10));

        assertThat(table.rows()).isEqualTo(VotableReaderTest.EXPECTED);
        assertThat(forms.get(0)).containsEntry("PHASE", "RUN").containsEntry("REQUEST", "doQuery");
        assertThat(sleeps).hasSize(2).allMatch(d -> d.equals(Duration.ofMillis(10)));
    }

    @Test
    void asyncJobInErrorIsATypedError() {
        server.createContext("/tap/async", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/tap/async")) {
                status(303, new byte[0], "Location", "/tap/async/job-2").write(exchange);
            } else if (path.endsWith("/phase")) {
                text(200, "ERROR").write(exchange);
            } else if (path.endsWith("/error")) {
                fixture("error.xml").write(exchange);
            } else {
                text(404, "no").write(exchange);
            }
        });

        assertThatThrownBy(() -> client(0).queryAsync(base, "SELECT 1", Duration.ofMillis(10), Duration.ofSeconds(5)))
                .isInstanceOf(TapQueryException.class)
                .hasMessage("TAP async job ended in ERROR: TAP query failed: Unknown table \"ivoa.obscorex\"");
    }

    @Test
    void concurrentQueriesShareOneClientSafely() throws Exception {
        AtomicInteger calls = serve("/tap/sync", fixture("binary2.xml"));
        TapClient client = client(0);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<VotableTable>> results = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 16; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return client.querySync(base, "SELECT 1");
                }));
            }
            go.countDown();
            for (var f : results) {
                assertThat(f.get().rows()).isEqualTo(VotableReaderTest.EXPECTED);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(calls).hasValue(16);
    }

    @Test
    void fetchSendsCredentials() throws Exception {
        serve("/datalink/links", fixture("tabledata.xml"));
        CasdaCredentials creds = new CasdaCredentials("u", "p");

        byte[] body = client(Duration.ofSeconds(5), 0, Optional.of(creds))
                .fetch(URI.create(base.replace("/tap", "") + "/datalink/links?ID=cube-244"));

        assertThat(body).isEqualTo(VotableReaderTest.fixture("tabledata.xml"));
        assertThat(authorizations).containsExactly(creds.basicAuthorization());
    }
}
