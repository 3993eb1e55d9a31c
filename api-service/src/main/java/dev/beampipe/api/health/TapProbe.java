package dev.beampipe.api.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A lightweight TAP reachability probe (decision 9): {@code GET <service>/availability} (IVOA VOSI) with a bounded
 * timeout. Any answer below 500 means the archive's web service is up (not every TAP service implements VOSI);
 * a 5xx, a timeout or a transport error is {@code error}.
 */
public final class TapProbe {
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String NOT_CONFIGURED = "not_configured";

    private final HttpClient client;
    private final Duration timeout;

    public TapProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public String probe(String tapUrl) {
        if (tapUrl == null || tapUrl.isBlank()) {
            return NOT_CONFIGURED;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(availabilityUrl(tapUrl.trim()))).timeout(timeout).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 500 ? OK : ERROR;
        } catch (IOException | IllegalArgumentException e) {
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ERROR;
        }
    }

    /** The VOSI endpoint of a TAP service whose URL may name its {@code /sync} or {@code /async} resource. */
    static String availabilityUrl(String tapUrl) {
        String base = tapUrl.replaceAll("/+$", "");
        base = base.replaceAll("/(sync|async)$", "");
        return base + "/availability";
    }
}
