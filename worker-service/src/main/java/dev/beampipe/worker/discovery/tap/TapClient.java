package dev.beampipe.worker.discovery.tap;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * TAP client (40-backends §5.2, §5.3, §5.9). Sync: {@code POST {base}/sync} form
 * {@code REQUEST=doQuery&LANG=ADQL&FORMAT=votable&QUERY=…}, each HTTP request bounded by
 * {@code adapters.tap.timeout_seconds}, retryable failures ({@link TapFailures}) retried
 * {@code adapters.tap.retries} times with 0.5/1/2/4 s back-off. Async (UWS): {@code POST {base}/async} with
 * {@code PHASE=RUN}, follow the 303 {@code Location}, poll {@code {job}/phase} until a final phase, then
 * {@code GET {job}/results/result}. Redirects are never followed automatically (a 3xx on sync is an error).
 * Credentials, when given, go in a Basic {@code Authorization} header on every request and nowhere else.
 */
public final class TapClient {

    /** Waits between attempts; tests pass a fast one. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final HttpClient http;
    private final TapSettings settings;
    private final Optional<CasdaCredentials> credentials;
    private final Sleeper sleeper;
    private final java.util.function.IntFunction<Duration> backoff;

    public TapClient(TapSettings settings, Optional<CasdaCredentials> credentials) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(settings.timeout()).build(),
                settings, credentials, delay -> Thread.sleep(delay.toMillis()), TapSettings::backoff);
    }

    TapClient(HttpClient http, TapSettings settings, Optional<CasdaCredentials> credentials, Sleeper sleeper,
              java.util.function.IntFunction<Duration> backoff) {
        this.http = http;
        this.settings = settings;
        this.credentials = credentials;
        this.sleeper = sleeper;
        this.backoff = backoff;
    }

    /** {@code base} is the TAP service root ({@code …/tap}); a URL already ending in {@code /sync} is kept. */
    public static URI syncUrl(String base) {
        String trimmed = base.strip().replaceAll("/+$", "");
        return URI.create(trimmed.endsWith("/sync") ? trimmed : trimmed + "/sync");
    }

    public static URI asyncUrl(String base) {
        String trimmed = base.strip().replaceAll("/+$", "").replaceAll("/sync$", "");
        return URI.create(trimmed + "/async");
    }

    public VotableTable querySync(String base, String adql) throws TapException, InterruptedException {
        HttpRequest request = post(syncUrl(base), queryForm(adql, false));
        return withRetries("TAP sync query", () -> VotableReader.read(expectOk(send(request, "TAP sync query"))));
    }

    /**
     * Runs {@code adql} as a UWS job; {@code pollInterval} between phase polls, {@code overall} bounds the
     * whole job. Each HTTP call gets the retry budget; the job itself is not resubmitted.
     */
    public VotableTable queryAsync(String base, String adql, Duration pollInterval, Duration overall)
            throws TapException, InterruptedException {
        HttpRequest create = post(asyncUrl(base), queryForm(adql, true));
        URI job = withRetries("TAP async create", () -> {
            HttpResponse<byte[]> response = send(create, "TAP async create");
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status <= 303 && location.isPresent()) {
                return asyncUrl(base).resolve(location.get());
            }
            if (status == 200 || status == 201) {
                throw new TapException("TAP async create: no Location header in HTTP " + status, false);
            }
            throw TapFailures.forStatus(status, text(response.body()));
        });
        Instant deadline = Instant.now().plus(overall);
        while (true) {
            String phase = withRetries("TAP async phase", () -> text(expectOk(send(get(URI.create(job + "/phase")),
                    "TAP async phase"))).strip().toUpperCase(Locale.ROOT));
            switch (phase) {
                case "COMPLETED" -> {
                    return withRetries("TAP async result", () -> VotableReader.read(
                            expectOk(send(get(URI.create(job + "/results/result")), "TAP async result"))));
                }
                case "ERROR" -> throw new TapQueryException("TAP async job ended in ERROR: " + jobError(job));
                case "ABORTED" -> throw new TapQueryException("TAP async job was ABORTED");
                default -> {
                    if (Instant.now().isAfter(deadline)) {
                        throw new TapException("TAP async job still " + phase + " after " + overall, true);
                    }
                    sleeper.sleep(pollInterval);
                }
            }
        }
    }

    /** {@code GET} of a document (e.g. a DataLink URL), with the same timeout, retries and credentials. */
    public byte[] fetch(URI url) throws TapException, InterruptedException {
        HttpRequest request = get(url);
        return withRetries("GET " + url.getHost(), () -> expectOk(send(request, "GET " + url.getHost())));
    }

    private String jobError(URI job) {
        try {
            byte[] body = expectOk(send(get(URI.create(job + "/error")), "TAP async error"));
            try {
                VotableReader.read(body);
                return text(body).strip().replaceAll("\\s+", " ");
            } catch (TapQueryException e) {
                return e.getMessage();
            }
        } catch (TapException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "(error document unavailable: " + e.getMessage() + ")";
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws TapException, InterruptedException;
    }

    private <T> T withRetries(String what, Attempt<T> attempt) throws TapException, InterruptedException {
        for (int i = 0; ; i++) {
            try {
                return attempt.run();
            } catch (TapException e) {
                if (!e.retryable() || i >= settings.retries()) {
                    throw e;
                }
                sleeper.sleep(backoff.apply(i));
            }
        }
    }

    private byte[] expectOk(HttpResponse<byte[]> response) throws TapException {
        int status = response.statusCode();
        byte[] body = response.body();
        if (status >= 200 && status <= 299) {
            return body;
        }
        String text = text(body);
        if (status >= 400 && status <= 499 && !TapFailures.retryableStatus(status, text)) {
            // VOLLT answers ADQL errors with HTTP 400 and an error VOTable: surface its message
            try {
                VotableReader.read(body);
            } catch (TapQueryException e) {
                if (e.getMessage().startsWith("TAP query failed")) {
                    throw new TapQueryException("HTTP " + status + ": " + e.getMessage());
                }
            }
        }
        throw TapFailures.forStatus(status, text);
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws TapException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw TapFailures.forIo(what, e);
        }
    }

    private HttpRequest post(URI url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return base(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest get(URI url) {
        return base(url).GET().build();
    }

    private HttpRequest.Builder base(URI url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(settings.timeout());
        credentials.ifPresent(c -> b.header("Authorization", c.basicAuthorization()));
        return b;
    }

    private static Map<String, String> queryForm(String adql, boolean run) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("REQUEST", "doQuery");
        form.put("LANG", "ADQL");
        form.put("FORMAT", "votable");
        form.put("QUERY", adql);
        if (run) {
            form.put("PHASE", "RUN");
        }
        return form;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
