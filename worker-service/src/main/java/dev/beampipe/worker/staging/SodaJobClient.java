package dev.beampipe.worker.staging;

import dev.beampipe.model.secrets.Redaction;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One CASDA SODA async staging job (40-backends §5.7): {@code POST <async>?ID=…} → 303 to the job,
 * {@code POST {job}/phase phase=RUN}, poll {@code GET {job}} every {@code pollInterval} until COMPLETED / ERROR /
 * ABORTED or the budget is spent, then {@code GET {job}/results}. Basic auth on every request (decision on CASDA
 * authentication); redirects are not followed, the job URL is the 303's {@code Location}. Transient poll failures
 * (5xx, I/O) are tolerated until the budget ends; 404/410 while polling mean the job is gone.
 */
final class SodaJobClient {

    private static final Logger LOG = Logger.getLogger(SodaJobClient.class);

    /** Waits between polls; tests may pass a recording one. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient http;
    private final CasdaCredentials credentials;
    private final CasdaStagingSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    SodaJobClient(HttpClient http, CasdaCredentials credentials, CasdaStagingSettings settings, Clock clock,
                  Sleeper sleeper) {
        this.http = http;
        this.credentials = credentials;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Creates, runs and awaits a job for {@code tokens}; returns the results document's entries. */
    List<UwsDocuments.Result> stage(URI asyncUrl, List<String> tokens) throws CasdaStagingException, InterruptedException {
        URI job = create(asyncUrl, tokens);
        run(job);
        await(job);
        HttpResponse<byte[]> results = send(get(URI.create(job + "/results")), StagingFailureKind.JOB_FAILED,
                "CASDA staging results request failed");
        if (!ok(results.statusCode())) {
            throw new CasdaStagingException(StagingFailureKind.JOB_FAILED,
                    "CASDA staging results request failed: HTTP " + results.statusCode() + " (" + job + ")");
        }
        try {
            return UwsDocuments.results(results.body());
        } catch (IOException e) {
            throw new CasdaStagingException(StagingFailureKind.JOB_FAILED,
                    "CASDA staging results of " + job + " are unreadable: " + e.getMessage(), e);
        }
    }

    private URI create(URI asyncUrl, List<String> tokens) throws CasdaStagingException, InterruptedException {
        String query = tokens.stream().map(t -> "ID=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI url = URI.create(asyncUrl + (asyncUrl.getRawQuery() == null ? "?" : "&") + query);
        HttpResponse<byte[]> response = send(auth(HttpRequest.newBuilder(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), StagingFailureKind.JOB_REJECTED,
                "CASDA staging create failed");
        int status = response.statusCode();
        if (status >= 200 && status <= 399) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                throw new CasdaStagingException(StagingFailureKind.JOB_REJECTED,
                        "CASDA staging create failed: HTTP " + status + " without a job Location");
            }
            URI job = asyncUrl.resolve(location.strip());
            LOG.infof("CASDA staging job %s created for %d product(s)", job, tokens.size());
            return job;
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (CasdaStaging.isPermissionDenied(body)) {
            throw new CasdaStagingException(StagingFailureKind.PERMISSION_DENIED, summary(body));
        }
        throw new CasdaStagingException(StagingFailureKind.JOB_REJECTED, "CASDA staging create failed: HTTP " + status);
    }

    private void run(URI job) throws CasdaStagingException, InterruptedException {
        HttpResponse<byte[]> response = send(auth(HttpRequest.newBuilder(URI.create(job + "/phase")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("phase=RUN")).build(), StagingFailureKind.JOB_REJECTED,
                "CASDA run staging job failed");
        if (!ok(response.statusCode())) {
            throw new CasdaStagingException(StagingFailureKind.JOB_REJECTED,
                    "CASDA run staging job failed: HTTP " + response.statusCode() + " (" + job + ")");
        }
    }

    private void await(URI job) throws CasdaStagingException, InterruptedException {
        Instant deadline = clock.instant().plus(settings.pollBudget());
        String last = "PENDING";
        while (true) {
            HttpResponse<byte[]> response = null;
            try {
                response = http.send(get(job), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                LOG.warnf("CASDA staging job %s poll failed, will retry: %s", job, Redaction.string(String.valueOf(e.getMessage())));
            }
            if (response != null) {
                int status = response.statusCode();
                if (status == 404 || status == 410) {
                    throw new CasdaStagingException(StagingFailureKind.JOB_FAILED,
                            "CASDA staging job " + job + " is gone: HTTP " + status);
                }
                if (ok(status)) {
                    try {
                        last = UwsDocuments.phase(response.body());
                    } catch (IOException e) {
                        throw new CasdaStagingException(StagingFailureKind.JOB_FAILED,
                                "CASDA staging job " + job + " answered an unreadable document: " + e.getMessage(), e);
                    }
                    switch (last) {
                        case "COMPLETED" -> {
                            return;
                        }
                        case "ERROR", "ABORTED" -> {
                            String detail = "";
                            try {
                                detail = UwsDocuments.errorMessage(response.body()).map(m -> ": " + Redaction.string(m))
                                        .orElse("");
                            } catch (IOException ignored) {
                                // the phase was readable, so the document is; no message then
                            }
                            throw new CasdaStagingException(StagingFailureKind.JOB_FAILED,
                                    "CASDA staging job ended with status " + last + detail + " (" + job + ")");
                        }
                        default -> {
                            // PENDING, QUEUED, EXECUTING, HELD, SUSPENDED, UNKNOWN: keep polling
                        }
                    }
                } else if (status < 500 && status != 429) {
                    throw new CasdaStagingException(StagingFailureKind.JOB_FAILED,
                            "CASDA staging job poll failed: HTTP " + status + " (" + job + ")");
                } else {
                    LOG.warnf("CASDA staging job %s poll answered HTTP %d, will retry", job, status);
                }
            }
            if (!clock.instant().plus(settings.pollInterval()).isBefore(deadline)) {
                throw new CasdaStagingException(StagingFailureKind.POLL_BUDGET_EXHAUSTED,
                        "CASDA staging job " + job + " still " + last + " after the poll budget of "
                                + human(settings.pollBudget()));
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, StagingFailureKind kind, String what)
            throws CasdaStagingException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CasdaStagingException(kind, what + ": " + Redaction.string(String.valueOf(e.getMessage())), e);
        }
    }

    private HttpRequest get(URI url) {
        return auth(HttpRequest.newBuilder(url)).GET().build();
    }

    private HttpRequest.Builder auth(HttpRequest.Builder b) {
        return b.timeout(settings.requestTimeout()).header("Authorization", credentials.basicAuthorization());
    }

    private static boolean ok(int status) {
        return status >= 200 && status <= 399;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String summary(String body) {
        String collapsed = body.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        if (collapsed.length() > 240) {
            collapsed = collapsed.substring(0, 240) + "...";
        }
        return collapsed.isEmpty() ? "CASDA denied access" : Redaction.string(collapsed);
    }
}
